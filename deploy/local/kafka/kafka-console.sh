#!/usr/bin/env bash
# Kafka's own console tools from the jars `npm run infra:up` fetched, for developers of other systems:
#   deploy/local/kafka/kafka-console.sh consumer --bootstrap-server 127.0.0.1:9092 --topic rental.order.events.v1 ...
#   deploy/local/kafka/kafka-console.sh producer --bootstrap-server 127.0.0.1:9092 --topic rental.order.commands.v1 ...
set -euo pipefail
lib="$(cd "$(dirname "$0")" && pwd)/lib"
[ -d "$lib" ] || { echo "no Kafka jars in $lib: run npm run infra:up first" >&2; exit 1; }
tool="${1:-}"; shift || true
case "$tool" in
  consumer) class=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
  producer) class=kafka.tools.ConsoleProducer ;;
  topics) class=org.apache.kafka.tools.TopicCommand ;;
  *) echo "usage: $0 consumer|producer|topics <the tool's own options>" >&2; exit 2 ;;
esac
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$lib/*" "$class" "$@"
