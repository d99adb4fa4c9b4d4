# Only what the database and the brokers need: a VPC with private subnets, and security groups
# that let the services (members of the "app" group) reach PostgreSQL and Kafka, and nothing else.

data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  zones = slice(data.aws_availability_zones.available.names, 0, var.availability_zones)
}

resource "aws_vpc" "main" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = {
    Name = var.name
  }
}

resource "aws_subnet" "private" {
  count             = length(local.zones)
  vpc_id            = aws_vpc.main.id
  availability_zone = local.zones[count.index]
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index)

  tags = {
    Name = "${var.name}-private-${local.zones[count.index]}"
  }
}

# The services run in this group; the database and the brokers accept only its members.
resource "aws_security_group" "app" {
  name        = "${var.name}-app"
  description = "rowgate services"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_egress_rule" "app_to_vpc" {
  security_group_id = aws_security_group.app.id
  description       = "PostgreSQL and Kafka inside the VPC"
  cidr_ipv4         = var.vpc_cidr
  ip_protocol       = "-1"
}

# What the services reach inside the VPC, each behind a security group of its own that admits
# the services on its port and nothing else.
locals {
  backends = {
    db = {
      description = "rowgate PostgreSQL"
      admits      = "PostgreSQL from the services"
      port        = 5432
    }
    kafka = {
      description = "rowgate Kafka brokers"
      admits      = "Kafka over TLS from the services"
      port        = 9094
    }
  }
}

resource "aws_security_group" "backend" {
  for_each    = local.backends
  name        = "${var.name}-${each.key}"
  description = each.value.description
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "from_app" {
  for_each                     = local.backends
  security_group_id            = aws_security_group.backend[each.key].id
  description                  = each.value.admits
  referenced_security_group_id = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
}

# The addresses these had before they were made from local.backends: a deployment keeps its groups.
moved {
  from = aws_security_group.db
  to   = aws_security_group.backend["db"]
}

moved {
  from = aws_security_group.kafka
  to   = aws_security_group.backend["kafka"]
}

moved {
  from = aws_vpc_security_group_ingress_rule.db_from_app
  to   = aws_vpc_security_group_ingress_rule.from_app["db"]
}

moved {
  from = aws_vpc_security_group_ingress_rule.kafka_from_app
  to   = aws_vpc_security_group_ingress_rule.from_app["kafka"]
}

resource "aws_vpc_security_group_ingress_rule" "kafka_between_brokers" {
  security_group_id            = aws_security_group.backend["kafka"].id
  description                  = "Brokers among themselves"
  referenced_security_group_id = aws_security_group.backend["kafka"].id
  ip_protocol                  = "-1"
}
