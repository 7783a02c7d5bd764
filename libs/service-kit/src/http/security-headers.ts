import helmet from 'helmet';

/**
 * helmet's headers on every answer of every service (nosniff, no framing, no referrer, HSTS, a
 * strict Content-Security-Policy, and no X-Powered-By). Our answers are JSON, except the few HTML
 * pages, which set a policy of their own (the sandbox checkout allows its one inline script by nonce).
 * `upgrade-insecure-requests` is left out: locally everything is plain http on 127.0.0.1, and TLS
 * in front of a service is the deployment's to add.
 */
export const securityHeaders = () =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: { 'upgrade-insecure-requests': null },
    },
  });
