import type { RenderedMessage } from './compose';
import { machineReady } from './machine-ready';

const ORDER = '6f1f5c1e-8f3a-4c1e-9a55-2b0b7f0e8d11';
const MACHINE = 'b7e1d2c3-5a6f-4b8e-9d0c-1e2f3a4b5c6d';
const ENDPOINT = `POST /v1/orders/${ORDER}/machines/${MACHINE}/root-password`;
const withKey = () => ({ orderId: ORDER, machineId: MACHINE, hostname: 'srv-42.ams1.example.com', ipAddress: '192.0.2.10', access: { method: 'ssh-key' } });
const withPassword = () => ({ ...withKey(), access: { method: 'password' } });

function rendered(result: ReturnType<typeof machineReady.render>): RenderedMessage {
  if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('machine-ready', () => {
  it('tells the English customer where the machine is and how to log in with their key', () => {
    const mail = rendered(machineReady.render('en', withKey()));
    expect(mail.subject).toBe('Your server srv-42.ams1.example.com is ready');
    expect(mail.text).toContain('Hostname: srv-42.ams1.example.com\nIP address: 192.0.2.10');
    expect(mail.text).toContain('Log in as root over SSH:\n\n    ssh root@192.0.2.10\n\nUse the SSH key you gave us');
    expect(mail.html).toContain('<pre><code>ssh root@192.0.2.10</code></pre>');
    expect(mail.text).not.toContain('root-password');
  });

  it('tells the Dutch customer in Dutch', () => {
    const mail = rendered(machineReady.render('nl', withKey()));
    expect(mail.subject).toBe('Uw server srv-42.ams1.example.com staat klaar');
    expect(mail.text).toContain('Hostnaam: srv-42.ams1.example.com\nIP-adres: 192.0.2.10');
    expect(mail.text).toContain('Log via SSH in als root:\n\n    ssh root@192.0.2.10\n\nGebruik hiervoor de SSH-sleutel die u ons hebt gegeven');
  });

  it('says where to reveal a one-time password once, and that it is not in the mail', () => {
    const mail = rendered(machineReady.render('en', withPassword()));
    expect(mail.text).toContain('Log in as root over SSH:\n\n    ssh root@192.0.2.10\n\nLog in with the one-time root password');
    expect(mail.text).toContain(
      `it is not in this email: reveal it once through our API, with your API key (soon in the customer portal too):\n\n    ${ENDPOINT}\n`,
    );
    expect(mail.text).toContain('The password is shown only once: the first request returns it, every later one answers 410 Gone.');
    expect(mail.html).toContain(`<pre><code>${ENDPOINT}</code></pre>`);
    expect(mail.text).not.toContain('SSH key you gave us');
  });

  it('says the same in Dutch', () => {
    const mail = rendered(machineReady.render('nl', withPassword()));
    expect(mail.text).toContain(
      'Voor uw veiligheid staat het niet in deze e-mail: vraag het één keer op via onze API, met uw API-sleutel (binnenkort ook in het klantportaal):',
    );
    expect(mail.text).toContain(`    ${ENDPOINT}\n`);
    expect(mail.text).toContain('Het wachtwoord wordt maar één keer getoond');
  });

  it('renders no password even when the input still holds one (a request from before machine.running v2)', () => {
    const mail = rendered(machineReady.render('en', { ...withPassword(), access: { method: 'password', rootPassword: 'Xq7-old-Clear-pw' } }));
    expect(mail.text).not.toContain('Xq7-old-Clear-pw');
    expect(mail.html).not.toContain('Xq7-old-Clear-pw');
  });

  it('points to the order for the machine id when a parked request did not keep it', () => {
    const { machineId: _, ...withoutMachine } = withPassword();
    const mail = rendered(machineReady.render('en', withoutMachine));
    expect(mail.text).toContain(`    POST /v1/orders/${ORDER}/machines/{machineId}/root-password\n`);
    expect(mail.text).toContain(`The server's id ({machineId}) is listed with the order: GET /v1/orders/${ORDER}`);
  });

  it('writes the ssh command for an IPv6 address too', () => {
    const mail = rendered(machineReady.render('en', { ...withKey(), ipAddress: '2001:db8::10' }));
    expect(mail.text).toContain('    ssh root@2001:db8::10\n');
  });

  it.each([
    ['a hostname with markup', { hostname: '<script>.example.com' }, 'hostname'],
    ['an IP address that is not one', { ipAddress: '192.0.2.300' }, 'ipAddress'],
    ['an unknown login method', { access: { method: 'telnet' } }, 'access.method'],
    ['an order id that is not one', { orderId: 'ord-1' }, 'orderId'],
    ['a machine id that is not one', { machineId: '../../admin' }, 'machineId'],
  ])('refuses %s', (_, override, path) => {
    const result = machineReady.render('en', { ...withKey(), ...override });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => issue.path)).toEqual([path]);
  });
});
