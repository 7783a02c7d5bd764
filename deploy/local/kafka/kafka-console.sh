#!/usr/bin/env bash
# Kafka's own console tools from the jars `npm run infra:up` fetched, for developers of other systems:
#   deploy/local/kafka/kafka-console.sh consumer --bootstrap-server 127.0.0.1:9092 --topic rental.order.events.v1 ...
#   deploy/local/kafka/kafka-console.sh producer --bootstrap-server 127.0.0.1:9092 --topic rental.order.commands.v1 ...
# On the secured local broker (KAFKA_SECURITY=scram npm start, 127.0.0.1:9094), KAFKA_AS=crm, inventory or finance
# connects as that system, with the settings the start wrote to .local/kafka-secured/clients/<system>.properties;
# a consumer without --group gets a new group of that system's own (rental.<system>.console.<n>).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
lib="$here/lib"
[ -d "$lib" ] || { echo "no Kafka jars in $lib: run npm run infra:up first" >&2; exit 1; }
tool="${1:-}"; shift || true
case "$tool" in
  consumer) class=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
  producer) class=kafka.tools.ConsoleProducer ;;
  topics) class=org.apache.kafka.tools.TopicCommand ;;
  *) echo "usage: [KAFKA_AS=crm|inventory|finance] $0 consumer|producer|topics <the tool's own options>" >&2; exit 2 ;;
esac
as=()
if [ -n "${KAFKA_AS:-}" ]; then
  config="${LOCAL_STATE_DIR:-$here/../../../.local}/kafka-secured/clients/$KAFKA_AS.properties"
  [ -f "$config" ] || { echo "no $config: start the secured broker first (KAFKA_SECURITY=scram npm start)" >&2; exit 1; }
  case "$tool" in
    consumer)
      as=(--consumer.config "$config")
      [[ " $* " == *" --group "* ]] || as+=(--group "${KAFKA_TOPIC_PREFIX:-}rental.$KAFKA_AS.console.$(date +%s%N)")
      ;;
    producer) as=(--producer.config "$config") ;;
    topics) as=(--command-config "$config") ;;
  esac
fi
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$lib/*" "$class" "$@" "${as[@]}"
