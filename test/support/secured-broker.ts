import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopLocalKafka } from '../../deploy/local/local-kafka';
import { type SecuredKafka, type SecuredKafkaOptions, startSecuredKafka } from '../../deploy/local/secured-kafka';

export interface SecuredTestBroker extends SecuredKafka {
  /** Its data, configuration and log (broker.log). */
  dir: string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the broker needs explicit ones; another process may still take it first). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A broker of its own for a test, secured exactly as `KAFKA_SECURITY=scram npm start` runs it
 * (same code, the jars already fetched), in a temporary directory on free ports, with a small heap.
 * A port taken between choosing and binding fails the start; it is tried again on new ports.
 */
export async function startSecuredTestBroker(topicPrefix: string, partitions = 1): Promise<SecuredTestBroker> {
  for (let attempt = 1; ; attempt++) {
    const options: SecuredKafkaOptions = {
      dir: mkdtempSync(join(tmpdir(), 'rental-secured-kafka-')),
      port: await freePort(),
      controllerPort: await freePort(),
      heap: '384m',
      topicPrefix,
      partitions,
    };
    const stop = async () => {
      await stopLocalKafka(options);
      rmSync(options.dir, { recursive: true, force: true });
    };
    try {
      return { ...(await startSecuredKafka(options)), dir: options.dir, stop };
    } catch (error) {
      await stop();
      if (attempt >= 3 || !/Address already in use|BindException/.test((error as Error).message)) throw error;
    }
  }
}
