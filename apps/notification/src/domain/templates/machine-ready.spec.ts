import type { RenderedMessage } from './compose';
import { machineReady } from './machine-ready';

const PASSWORD = 'Xq7&<k"9Lm\'2vR';
const withKey = () => ({ hostname: 'srv-42.ams1.example.com', ipAddress: '192.0.2.10', access: { method: 'ssh-key' } });
const withPassword = () => ({ ...withKey(), access: { method: 'password', rootPassword: PASSWORD } });

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
    expect(mail.text).not.toMatch(/password:/i);
  });

  it('tells the Dutch customer in Dutch', () => {
    const mail = rendered(machineReady.render('nl', withKey()));
    expect(mail.subject).toBe('Uw server srv-42.ams1.example.com staat klaar');
    expect(mail.text).toContain('Hostnaam: srv-42.ams1.example.com\nIP-adres: 192.0.2.10');
    expect(mail.text).toContain('Log via SSH in als root:\n\n    ssh root@192.0.2.10\n\nGebruik hiervoor de SSH-sleutel die u ons hebt gegeven');
  });

  it('shows a one-time password once, exactly, with advice to change it', () => {
    const mail = rendered(machineReady.render('en', withPassword()));
    expect(mail.text).toContain(`Your one-time root password:\n\n    ${PASSWORD}\n\nThis is the only time we show this password. Change it`);
    expect(mail.text.split(PASSWORD)).toHaveLength(2);
    expect(mail.text).not.toContain('SSH key you gave us');
    expect(mail.subject).not.toContain(PASSWORD);
  });

  it('escapes the password in the HTML, where it still appears only once', () => {
    const mail = rendered(machineReady.render('nl', withPassword()));
    const escaped = 'Xq7&amp;&lt;k&quot;9Lm&#39;2vR';
    expect(mail.html).toContain(`<pre><code>${escaped}</code></pre>`);
    expect(mail.html.split(escaped)).toHaveLength(2);
    expect(mail.html).not.toContain(PASSWORD);
    expect(mail.text).toContain('Uw eenmalige root-wachtwoord:');
    expect(mail.text).toContain('Wijzig het zodra u bent ingelogd');
  });

  it('writes the ssh command for an IPv6 address too', () => {
    const mail = rendered(machineReady.render('en', { ...withKey(), ipAddress: '2001:db8::10' }));
    expect(mail.text).toContain('    ssh root@2001:db8::10\n');
  });

  it.each([
    ['a hostname with markup', { hostname: '<script>.example.com' }, 'hostname'],
    ['an IP address that is not one', { ipAddress: '192.0.2.300' }, 'ipAddress'],
    ['an unknown login method', { access: { method: 'telnet' } }, 'access.method'],
    ['a password method without a password', { access: { method: 'password' } }, 'access.rootPassword'],
    ['an empty password', { access: { method: 'password', rootPassword: '' } }, 'access.rootPassword'],
    ['a password with spaces', { access: { method: 'password', rootPassword: ' secret ' } }, 'access.rootPassword'],
  ])('refuses %s', (_, override, path) => {
    const result = machineReady.render('en', { ...withKey(), ...override });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => issue.path)).toEqual([path]);
  });
});
