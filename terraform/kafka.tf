# Kafka on Amazon MSK: brokers spread evenly over the availability zones, TLS between clients and
# brokers, and topics created by the services themselves (automatic creation off). Replication 3
# with min.insync.replicas 2, so acks=all and transactions survive the loss of a broker.

locals {
  # Three replicas need three brokers, and MSK wants the same number in each zone: 3 brokers over
  # 3 zones, 4 over 2.
  kafka_brokers = length(local.zones) * ceil(3 / length(local.zones))
}

resource "aws_msk_configuration" "main" {
  name           = var.name
  kafka_versions = [var.kafka_version]

  server_properties = <<-EOT
    auto.create.topics.enable=false
    default.replication.factor=3
    min.insync.replicas=2
    num.partitions=6
    offsets.topic.replication.factor=3
    transaction.state.log.replication.factor=3
    transaction.state.log.min.isr=2
  EOT
}

resource "aws_msk_cluster" "main" {
  cluster_name           = var.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = local.kafka_brokers

  broker_node_group_info {
    instance_type   = var.kafka_instance_type
    client_subnets  = aws_subnet.private[*].id
    security_groups = [aws_security_group.backend["kafka"].id]

    storage_info {
      ebs_storage_info {
        volume_size = var.kafka_volume_size
      }
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.main.arn
    revision = aws_msk_configuration.main.latest_revision
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  # Reachable only from the app security group; TLS encrypts, the network authorises.
  client_authentication {
    unauthenticated = true
  }
}
