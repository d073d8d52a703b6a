# One image for every Switchboard service; docker-compose.yml picks the service by its command.
# Build the jar first, then the image:
#   ./mvnw -DskipTests package && docker build -t switchboard:latest .
FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /opt/switchboard --shell /usr/sbin/nologin switchboard \
 && mkdir -p /data && chown switchboard /data
WORKDIR /opt/switchboard
COPY app/target/switchboard.jar /opt/switchboard/switchboard.jar
COPY docker/switchboard /usr/local/bin/switchboard
COPY config /config
USER switchboard
ENV SWITCHBOARD_STATE_DIR=/data/streams
ENTRYPOINT ["switchboard"]
CMD ["--help"]
