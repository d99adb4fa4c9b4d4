variable "region" {
  description = "AWS region to create everything in."
  type        = string
  default     = "eu-west-1"
}

variable "name" {
  description = "Prefix of every resource's name, and the Project tag."
  type        = string
  default     = "rowgate"
}

variable "vpc_cidr" {
  description = "Address range of the VPC that holds the database, the Kafka brokers and the services."
  type        = string
  default     = "10.40.0.0/16"
}

variable "availability_zones" {
  description = "How many availability zones to spread the subnets, the brokers and the database over (2 or 3; Kafka gets 3 brokers over 3 zones, 4 over 2)."
  type        = number
  default     = 3

  validation {
    condition     = var.availability_zones >= 2 && var.availability_zones <= 3
    error_message = "availability_zones is 2 or 3."
  }
}

variable "db_instance_class" {
  description = "RDS instance class of the PostgreSQL database."
  type        = string
  default     = "db.t4g.medium"
}

variable "db_engine_version" {
  description = "PostgreSQL major version."
  type        = string
  default     = "17"
}

variable "db_allocated_storage" {
  description = "Storage of the database, in GiB; it grows up to four times this on its own."
  type        = number
  default     = 50
}

variable "db_name" {
  description = "Database the services use (ROWGATE_DB_URL)."
  type        = string
  default     = "rowgate"
}

variable "db_username" {
  description = "Master user of the database (ROWGATE_DB_USER); its password is generated and kept in Secrets Manager by RDS."
  type        = string
  default     = "rowgate"
}

variable "db_deletion_protection" {
  description = "Whether the database refuses to be destroyed."
  type        = bool
  default     = true
}

variable "kafka_version" {
  description = "Kafka version of the MSK cluster."
  type        = string
  default     = "3.9.x"
}

variable "kafka_instance_type" {
  description = "Instance type of each Kafka broker."
  type        = string
  default     = "kafka.t3.small"
}

variable "kafka_volume_size" {
  description = "EBS storage of each broker, in GiB."
  type        = number
  default     = 100
}
