# The build base of the container-image test: Debian's JDK and Maven in place of maven:3.9-eclipse-temurin-17.
# This machine's trust store is for this test image only; the image users build never sees it.
ARG BASE
FROM ${BASE}
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless maven >/dev/null \
    && rm -rf /var/lib/apt/lists/*
COPY cacerts /etc/herald-test/cacerts
ENV MAVEN_OPTS=-Djavax.net.ssl.trustStore=/etc/herald-test/cacerts
