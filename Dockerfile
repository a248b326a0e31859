# Herald in a container: built from source in one stage, run as a non-root user in the other.
#   docker build -t herald .
#   docker run -p 8080:8080 -e HERALD_JWT_KEY="$(openssl rand -base64 32)" -v herald-data:/data herald
# Listening on 0.0.0.0 needs a publisher key (HERALD_JWT_KEY or HERALD_PUBLISHER_JWT_KEY): without one,
# anyone who reaches the hub could publish, and Herald refuses to start.

# The base images are arguments so that a machine without a registry can build from its own (the
# container-image test does: herald-server/src/test/docker); the defaults are the official images.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Poms first: the dependency download stays cached while only sources change.
# Every module the root pom lists must be present for Maven to read the reactor, even those the
# server does not need (herald-bench, herald-examples: their poms only).
COPY pom.xml ./
COPY herald-core/pom.xml herald-core/
COPY herald-client/pom.xml herald-client/
COPY herald-store/pom.xml herald-store/
COPY herald-redis/pom.xml herald-redis/
COPY herald-server/pom.xml herald-server/
COPY herald-bench/pom.xml herald-bench/
COPY herald-examples/pom.xml herald-examples/
# Packaging the poms alone (empty modules) downloads every plugin and dependency the real build uses;
# dependency:go-offline cannot, as it would need the reactor's own snapshot jars.
RUN mvn -B -q --no-transfer-progress -DskipTests -pl herald-server -am package && rm -rf */target
COPY herald-core herald-core
COPY herald-client herald-client
COPY herald-store herald-store
COPY herald-redis herald-redis
COPY herald-server herald-server
RUN mvn -B --no-transfer-progress -DskipTests -pl herald-server -am package

FROM ${RUNTIME_IMAGE}
RUN useradd --system --uid 10001 --home-dir /nonexistent --shell /usr/sbin/nologin herald \
    && mkdir /data && chown herald /data
COPY --from=build /src/herald-server/target/herald.jar /opt/herald/herald.jar
USER herald
VOLUME /data
EXPOSE 8080
# JAVA_TOOL_OPTIONS (e.g. -Xmx512m) reaches the JVM; HERALD_* variables set every option.
ENV HERALD_HOST=0.0.0.0 HERALD_DATA_DIR=/data
# Ready means 200 on /readyz at the port the hub listens on (HERALD_PORT when set): bash's /dev/tcp, since
# the JRE images carry neither curl nor wget.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${HERALD_PORT:-8080} && printf 'GET /readyz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q '^HTTP/1\\.[01] 200 '"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:MaxNewSize=32m", "-Xms64m", "-XX:MetaspaceSize=64m", "-jar", "/opt/herald/herald.jar"]
