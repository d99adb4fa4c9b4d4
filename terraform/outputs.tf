# Exactly the settings the services read, named as their environment variables. The database
# password is not an output: read it from the Secrets Manager secret into ROWGATE_DB_PASSWORD,
# e.g. aws secretsmanager get-secret-value --secret-id <arn> --query SecretString --output text | jq -r .password

output "ROWGATE_KAFKA_BOOTSTRAP_SERVERS" {
  description = "Kafka brokers, over TLS."
  value       = aws_msk_cluster.main.bootstrap_brokers_tls
}

output "ROWGATE_KAFKA_SECURITY_PROTOCOL" {
  description = "How the services talk to the brokers."
  value       = "SSL"
}

output "ROWGATE_DB_URL" {
  description = "JDBC URL of the database."
  value       = "jdbc:postgresql://${aws_db_instance.main.address}:${aws_db_instance.main.port}/${var.db_name}?sslmode=require"
}

output "ROWGATE_DB_USER" {
  description = "Database user."
  value       = aws_db_instance.main.username
}

output "ROWGATE_DB_PASSWORD_SECRET_ARN" {
  description = "Secrets Manager secret holding the database password (its JSON key \"password\") for ROWGATE_DB_PASSWORD."
  value       = aws_db_instance.main.master_user_secret[0].secret_arn
}

output "app_security_group_id" {
  description = "Security group to run the services in: the only one the database and the brokers accept."
  value       = aws_security_group.app.id
}

output "private_subnet_ids" {
  description = "Subnets to run the services in."
  value       = aws_subnet.private[*].id
}
