import { walkThroughRental } from './rental-walk';

/**
 * `npm run demo`: against a running `npm start`, one rental from a new customer to a running
 * machine, each step printed as it happens. GATEWAY_URL and GATEWAY_ADMIN_TOKEN override the defaults.
 */
const gatewayUrl = process.env.GATEWAY_URL ?? `http://127.0.0.1:${process.env.GATEWAY_PORT ?? 3000}`;
walkThroughRental({
  gatewayUrl,
  adminToken: process.env.GATEWAY_ADMIN_TOKEN ?? 'dev-admin-token',
  log: (line) => console.log(line),
})
  .then((result) => {
    console.log(`\nDone: order ${result.order.id} runs; the emails are in .local/mail/ (and in the mail sink's log).`);
  })
  .catch((error: Error) => {
    console.error(`demo failed: ${error.message}\nIs the platform running (npm start) at ${gatewayUrl}?`);
    process.exit(1);
  });
