import { main } from './smtp-sink';

/** `tsx deploy/local/smtp-sink-cli.ts`: the SMTP sink on its own (see main() in smtp-sink.ts). */
main().catch((error: Error) => {
  console.error(`[smtp-sink] ${error.message}`);
  process.exit(1);
});
