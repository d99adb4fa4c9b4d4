# syntax=docker/dockerfile:1
# One image per rowgate service, built from this repository:
#   docker build --build-arg SERVICE=ingest-api --build-arg PORT=8080 -t rowgate/ingest-api .
# SERVICE is a module (ingest-api, validator-consumer, db-writer, backup-service); PORT is the
# port it listens on, for the health check.

FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY avro-schemas avro-schemas
COPY database-schema database-schema
COPY local-stack local-stack
COPY stack-fixtures stack-fixtures
COPY service-support service-support
COPY db-writer db-writer
COPY validator-consumer validator-consumer
COPY ingest-api ingest-api
COPY backup-service backup-service
COPY examples examples
COPY pipeline-tests pipeline-tests
COPY benchmark benchmark
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests -pl "${SERVICE}" -am package \
    && cp "${SERVICE}"/target/"${SERVICE}"-*-exec.jar /src/app.jar

FROM eclipse-temurin:17-jre
ARG SERVICE
ARG PORT
ENV PORT=${PORT}
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app rowgate \
    && mkdir -p /app /var/lib/rowgate/backups && chown -R rowgate /app /var/lib/rowgate
COPY --from=build /src/app.jar /app/app.jar
# The shipped table definitions, which db-writer applies unless a volume mounts others here.
COPY definitions /app/definitions
# The JVM options of every service, as ./run-local and the benchmark use them (a fixed 160 MB heap,
# under 400 MB resident; see the file); JAVA_OPTS adds to them, and a later option wins.
COPY jvm.options /app/jvm.options
ENV JAVA_OPTS=""
USER rowgate
WORKDIR /app
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS "http://localhost:${PORT}/actuator/health/readiness" > /dev/null || exit 1
ENTRYPOINT ["sh", "-c", "exec java @/app/jvm.options $JAVA_OPTS -jar /app/app.jar"]
