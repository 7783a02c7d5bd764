import { Machine, type MachineState, type RequestMachine } from './machine';
import type { MachineEvent } from './machine-events';
import { retryPolicy } from './retry-policy';
import type { RandomInt } from './root-password';

const at = (iso: string) => new Date(iso);
const t0 = at('2026-03-10T12:00:00.000Z');
const t1 = at('2026-03-10T12:01:00.000Z');
const t2 = at('2026-03-10T12:02:00.000Z');
const t3 = at('2026-03-10T12:03:00.000Z');
const t4 = at('2026-03-10T12:04:00.000Z');

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEvGrpOnwXiL3Pn3fPDt47JrVw82+1LLMFRwr8u/8rSH alice@example.com';
const MACHINE_ID = '3f2a9c1e-7b4d-4e0a-9c61-0f5d2b8a7e33';
const HOSTNAME = 'debian-3f2a9c1e.ams-1.rental.example';
const onHost1 = { hostId: 'h-1', ipAddress: '203.0.113.1' };
const onHost2 = { hostId: 'h-2', ipAddress: '203.0.113.1' };

/** Three attempts, the next one due at once: for tests about anything but the pause. */
const noPause = retryPolicy(3, 0);
/** Three attempts, a minute after the first failure and two after the second. */
const aMinute = retryPolicy(3, 60_000);

/** Always the same index: a password of twenty copies of one character. */
const constant =
  (index: number): RandomInt =>
  () =>
    index;
const PASSWORD_A = 'A'.repeat(20);
const PASSWORD_B = 'B'.repeat(20);

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function expectErr<E>(result: { ok: true; value: unknown } | { ok: false; error: E }): E {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const input = (credentials: RequestMachine['credentials'] = { kind: 'ssh_key', publicKey: KEY }): RequestMachine => ({
  id: MACHINE_ID,
  orderId: 'ord-1',
  locationCode: 'ams-1',
  resources: { vcpu: 2, memoryMb: 4096, diskGb: 40 },
  imageCode: 'debian-13',
  credentials,
});

const requested = (credentials?: RequestMachine['credentials']) => expectOk(Machine.request(input(credentials), t0));
const withPassword = () => requested({ kind: 'root_password' });

/** Runs the provisioning steps, one minute apart from t1, and returns the last events. */
function provision(machine: Machine, random: RandomInt = constant(0)): MachineEvent[] {
  expectOk(machine.startAttempt(onHost1, t1, random));
  expectOk(machine.completeStep('allocate', t2));
  expectOk(machine.completeStep('install_image', t3));
  return expectOk(machine.completeStep('boot', t4));
}

describe('Machine.request', () => {
  it('creates the machine in requested, with no host, no steps and no attempts', () => {
    const machine = requested();
    expect(machine.status).toBe('requested');
    expect(machine.id).toBe(MACHINE_ID);
    expect(machine.attempts).toBe(0);
    expect(machine.currentStep).toBeNull();
    expect(machine.hostname).toBe(HOSTNAME);
    expect(machine.snapshot()).toEqual({
      id: MACHINE_ID,
      orderId: 'ord-1',
      locationCode: 'ams-1',
      resources: { vcpu: 2, memoryMb: 4096, diskGb: 40 },
      imageCode: 'debian-13',
      requestedAt: t0,
      hostId: null,
      ipAddress: null,
      credentials: { kind: 'ssh_key', publicKey: KEY },
      status: 'requested',
      steps: [],
      attempts: 0,
      failedHostIds: [],
      nextAttemptAt: null,
      deprovisionReason: null,
      deliveredAt: null,
    });
  });

  it('refuses a malformed SSH key, the customer mistake, with the reason', () => {
    expect(expectErr(Machine.request(input({ kind: 'ssh_key', publicKey: 'ssh-rsa' }), t0))).toEqual({
      reason: 'invalid_ssh_public_key',
      detail: 'the key data is missing after the type',
    });
  });

  it('records a password machine as not yet issued', () => {
    expect(withPassword().snapshot().credentials).toEqual({ kind: 'root_password', issuedAt: null });
  });

  it.each<[string, Partial<RequestMachine>]>([
    ['no resources', { resources: { vcpu: 0, memoryMb: 0, diskGb: 0 } }],
    ['fractional resources', { resources: { vcpu: 1.5, memoryMb: 1024, diskGb: 10 } }],
    ['an empty order id', { orderId: '' }],
    ['an id too short for a hostname', { id: 'm-1' }],
    ['a location that is not a DNS label', { locationCode: 'ams 1' }],
  ])('throws on %s, a bug upstream', (_, override) => {
    expect(() => Machine.request({ ...input(), ...override }, t0)).toThrow(RangeError);
  });
});

describe('provisioning, the happy path', () => {
  it('startAttempt sets host and address, starts allocate and returns machine.provisioning-started', () => {
    const machine = requested();
    expect(expectOk(machine.startAttempt(onHost1, t1, constant(0)))).toEqual([
      {
        type: 'machine.provisioning-started',
        machineId: MACHINE_ID,
        orderId: 'ord-1',
        attempt: 1,
        hostId: 'h-1',
        ipAddress: '203.0.113.1',
        hostname: HOSTNAME,
        at: t1,
      },
    ]);
    expect(machine.status).toBe('allocating');
    expect(machine.currentStep).toBe('allocate');
    expect(machine.snapshot()).toMatchObject({ hostId: 'h-1', ipAddress: '203.0.113.1', attempts: 1 });
  });

  it('each completed step is recorded and starts the next, moving the status along', () => {
    const machine = requested();
    expectOk(machine.startAttempt(onHost1, t1, constant(0)));
    expect(expectOk(machine.completeStep('allocate', t2))).toEqual([
      { type: 'machine.step-completed', machineId: MACHINE_ID, orderId: 'ord-1', step: 'allocate', at: t2 },
    ]);
    expect([machine.status, machine.currentStep]).toEqual(['installing', 'install_image']);
    expectOk(machine.completeStep('install_image', t3));
    expect([machine.status, machine.currentStep]).toEqual(['booting', 'boot']);
  });

  it('a completed boot makes it running: machine.step-completed then machine.running', () => {
    const machine = requested();
    const events = provision(machine);
    expect(events).toEqual([
      { type: 'machine.step-completed', machineId: MACHINE_ID, orderId: 'ord-1', step: 'boot', at: t4 },
      {
        type: 'machine.running',
        machineId: MACHINE_ID,
        orderId: 'ord-1',
        hostId: 'h-1',
        ipAddress: '203.0.113.1',
        hostname: HOSTNAME,
        credentials: { kind: 'ssh_key' },
        at: t4,
      },
    ]);
    expect(machine.status).toBe('running');
    expect(machine.currentStep).toBeNull();
    expect(machine.snapshot().deliveredAt).toEqual(t4);
    expect(machine.snapshot().steps).toEqual([
      { step: 'allocate', startedAt: t1, finishedAt: t2, outcome: 'succeeded' },
      { step: 'install_image', startedAt: t2, finishedAt: t3, outcome: 'succeeded' },
      { step: 'boot', startedAt: t3, finishedAt: t4, outcome: 'succeeded' },
    ]);
  });

  it('installs the customer SSH key', () => {
    const machine = requested();
    expectOk(machine.startAttempt(onHost1, t1, constant(0)));
    expect(expectOk(machine.installCredentials())).toEqual({ kind: 'ssh_key', publicKey: KEY });
  });
});

describe('provisioning refusals', () => {
  it('refuses to complete a step that is not running, and changes nothing', () => {
    const machine = requested();
    expect(expectErr(machine.completeStep('allocate', t1))).toEqual({
      reason: 'step_not_in_progress',
      step: 'allocate',
      current: null,
    });
    expectOk(machine.startAttempt(onHost1, t1, constant(0)));
    const before = machine.snapshot();
    expect(expectErr(machine.completeStep('boot', t2))).toEqual({
      reason: 'step_not_in_progress',
      step: 'boot',
      current: 'allocate',
    });
    expect(expectErr(machine.failStep('install_image', { reason: 'x', retryable: true }, t2, noPause)).reason).toBe('step_not_in_progress');
    expect(machine.snapshot()).toEqual(before);
  });

  it('refuses a second attempt while one runs or once running', () => {
    const machine = requested();
    expectOk(machine.startAttempt(onHost1, t1, constant(0)));
    expect(expectErr(machine.startAttempt(onHost1, t1, constant(0)))).toEqual({
      reason: 'illegal_status',
      action: 'start_attempt',
      status: 'allocating',
    });
    expectOk(machine.completeStep('allocate', t2));
    expectOk(machine.completeStep('install_image', t3));
    expectOk(machine.completeStep('boot', t4));
    expect(expectErr(machine.startAttempt(onHost1, t4, constant(0)))).toEqual({
      reason: 'illegal_status',
      action: 'start_attempt',
      status: 'running',
    });
  });

  it('throws on a malformed placement, a bug upstream', () => {
    expect(() => requested().startAttempt({ hostId: 'h-1', ipAddress: '203.0.113' }, t1, constant(0))).toThrow(RangeError);
    expect(() => requested().startAttempt({ hostId: '', ipAddress: '203.0.113.1' }, t1, constant(0))).toThrow(RangeError);
  });
});

describe('root password', () => {
  it('is drawn from the injected random source when the attempt starts, for the driver to install', () => {
    const machine = withPassword();
    const asked: number[] = [];
    expectOk(machine.startAttempt(onHost1, t1, (max) => (asked.push(max), 0)));
    expect(asked).toHaveLength(20);
    expect(expectOk(machine.installCredentials())).toEqual({ kind: 'root_password', rootPassword: PASSWORD_A });
  });

  it('is returned once, in machine.running, and the machine keeps only when it was issued', () => {
    const machine = withPassword();
    const running = provision(machine).find((event) => event.type === 'machine.running');
    expect(running).toMatchObject({ credentials: { kind: 'root_password', rootPassword: PASSWORD_A } });
    expect(machine.snapshot().credentials).toEqual({ kind: 'root_password', issuedAt: t4 });
    expect(expectErr(machine.installCredentials())).toEqual({ reason: 'password_unavailable', machineId: MACHINE_ID });
  });

  it('never appears in a snapshot or in the serialised machine', () => {
    const machine = withPassword();
    expectOk(machine.startAttempt(onHost1, t1, constant(0)));
    expectOk(machine.completeStep('allocate', t2));
    expect(expectOk(machine.installCredentials())).toMatchObject({ rootPassword: PASSWORD_A });
    expect(JSON.stringify(machine.snapshot())).not.toContain(PASSWORD_A);
    expect(JSON.stringify(machine)).not.toContain(PASSWORD_A);
    expectOk(machine.completeStep('install_image', t3));
    expectOk(machine.completeStep('boot', t4));
    expect(JSON.stringify(machine.snapshot())).not.toContain(PASSWORD_A);
    expect(JSON.stringify(machine)).not.toContain(PASSWORD_A);
  });

  it('is lost by a restore mid-attempt: boot cannot complete and the attempt is retried with a new one', () => {
    const original = withPassword();
    expectOk(original.startAttempt(onHost1, t1, constant(0)));
    expectOk(original.completeStep('allocate', t2));
    expectOk(original.completeStep('install_image', t3));
    const restored = Machine.restore(original.snapshot());
    expect(expectErr(restored.installCredentials()).reason).toBe('password_unavailable');
    const before = restored.snapshot();
    expect(expectErr(restored.completeStep('boot', t4))).toEqual({ reason: 'password_unavailable', machineId: MACHINE_ID });
    expect(restored.snapshot()).toEqual(before);

    expectOk(restored.failStep('boot', { reason: 'password_unavailable', retryable: true }, t4, noPause));
    expectOk(restored.startAttempt({ hostId: 'h-2', ipAddress: '203.0.113.1' }, t4, constant(1)));
    expect(expectOk(restored.installCredentials())).toEqual({ kind: 'root_password', rootPassword: PASSWORD_B });
  });

  it('is dropped when the attempt fails', () => {
    const machine = withPassword();
    expectOk(machine.startAttempt(onHost1, t1, constant(0)));
    expectOk(machine.failStep('allocate', { reason: 'timeout', retryable: true }, t2, noPause));
    expect(expectErr(machine.installCredentials()).reason).toBe('password_unavailable');
  });
});

describe('failures and retries', () => {
  it('a retryable failure records the step, notes the host and schedules the next attempt after the pause', () => {
    const machine = requested();
    expectOk(machine.startAttempt(onHost1, t1, constant(0)));
    expectOk(machine.completeStep('allocate', t2));
    expect(expectOk(machine.failStep('install_image', { reason: 'host_unreachable', retryable: true }, t3, aMinute))).toEqual([
      {
        type: 'machine.step-failed',
        machineId: MACHINE_ID,
        orderId: 'ord-1',
        step: 'install_image',
        error: 'host_unreachable',
        willRetry: true,
        at: t3,
      },
      {
        type: 'machine.retry-scheduled',
        machineId: MACHINE_ID,
        orderId: 'ord-1',
        failedAttempt: 1,
        step: 'install_image',
        error: 'host_unreachable',
        failedHostId: 'h-1',
        nextAttemptAt: t4,
        at: t3,
      },
    ]);
    expect(machine.status).toBe('requested');
    expect(machine.nextAttemptAt).toEqual(t4);
    expect(machine.failedHostIds).toEqual(['h-1']);
    expect(machine.snapshot().steps.at(-1)).toEqual({
      step: 'install_image',
      startedAt: t2,
      finishedAt: t3,
      outcome: 'failed',
      error: 'host_unreachable',
    });
  });

  it('refuses the next attempt before its time, and doubles the pause after each failure', () => {
    const machine = requested();
    expectOk(machine.startAttempt(onHost1, t1, constant(0)));
    expectOk(machine.failStep('allocate', { reason: 'timeout', retryable: true }, t1, aMinute));
    expect(expectErr(machine.startAttempt(onHost2, t1, constant(0)))).toEqual({ reason: 'retry_not_due', nextAttemptAt: t2 });
    expectOk(machine.startAttempt(onHost2, t2, constant(0)));
    const [, retry] = expectOk(machine.failStep('allocate', { reason: 'timeout', retryable: true }, t2, aMinute));
    expect(retry).toMatchObject({ type: 'machine.retry-scheduled', failedAttempt: 2, failedHostId: 'h-2', nextAttemptAt: t4 });
    expect(machine.failedHostIds).toEqual(['h-1', 'h-2']);
    expect(machine.snapshot().nextAttemptAt).toEqual(t4);
    expectOk(machine.startAttempt(onHost1, t4, constant(0)));
    expect(machine.snapshot().nextAttemptAt).toBeNull();
  });

  it('lists a host that failed twice once', () => {
    const machine = requested();
    for (const at of [t1, t2]) {
      expectOk(machine.startAttempt(onHost1, at, constant(0)));
      expectOk(machine.failStep('allocate', { reason: 'timeout', retryable: true }, at, noPause));
    }
    expect(machine.failedHostIds).toEqual(['h-1']);
  });

  it('the next attempt may run elsewhere, counting attempts, and keeps the whole history', () => {
    const machine = requested();
    expectOk(machine.startAttempt(onHost1, t1, constant(0)));
    expectOk(machine.failStep('allocate', { reason: 'timeout', retryable: true }, t2, noPause));
    const [started] = expectOk(machine.startAttempt(onHost2, t3, constant(0)));
    expect(started).toMatchObject({ type: 'machine.provisioning-started', attempt: 2, hostId: 'h-2' });
    expect(machine.attempts).toBe(2);
    expect(machine.snapshot().steps.map((step) => [step.step, step.outcome])).toEqual([
      ['allocate', 'failed'],
      ['allocate', undefined],
    ]);
  });

  it.each([1, 3, 5])("gives up after the policy's %i attempts: failed, with machine.provisioning-failed", (maxAttempts) => {
    const policy = retryPolicy(maxAttempts, 0);
    const machine = requested();
    for (let attempt = 1; attempt < maxAttempts; attempt += 1) {
      expectOk(machine.startAttempt(onHost1, t2, constant(0)));
      const [failed] = expectOk(machine.failStep('allocate', { reason: 'timeout', retryable: true }, t2, policy));
      expect(failed).toMatchObject({ willRetry: true });
    }
    expectOk(machine.startAttempt(onHost1, t2, constant(0)));
    expect(expectOk(machine.failStep('allocate', { reason: 'timeout', retryable: true }, t2, policy))).toEqual([
      expect.objectContaining({ type: 'machine.step-failed', willRetry: false }),
      {
        type: 'machine.provisioning-failed',
        machineId: MACHINE_ID,
        orderId: 'ord-1',
        step: 'allocate',
        error: 'timeout',
        attempts: maxAttempts,
        at: t2,
      },
    ]);
    expect(machine.status).toBe('failed');
    expect(machine.snapshot().nextAttemptAt).toBeNull();
    expect(expectErr(machine.startAttempt(onHost1, t3, constant(0))).reason).toBe('illegal_status');
  });

  it('gives up at once on a failure that retrying cannot fix', () => {
    const machine = requested();
    expectOk(machine.startAttempt(onHost1, t1, constant(0)));
    expectOk(machine.completeStep('allocate', t2));
    const events = expectOk(machine.failStep('install_image', { reason: 'image_not_found', retryable: false }, t3, noPause));
    expect(events.map((event) => event.type)).toEqual(['machine.step-failed', 'machine.provisioning-failed']);
    expect(events[1]).toMatchObject({ attempts: 1, step: 'install_image', error: 'image_not_found' });
    expect(machine.status).toBe('failed');
  });
});

describe('deprovisioning', () => {
  const t5 = at('2026-04-10T00:00:00.000Z');
  const t6 = at('2026-04-10T00:05:00.000Z');
  const t7 = at('2026-04-10T00:06:00.000Z');
  const t8 = at('2026-04-10T00:07:00.000Z');

  it('stops, wipes and destroys a running machine, then is deprovisioned as delivered', () => {
    const machine = requested();
    provision(machine);
    expect(machine.deprovision('rental_ended', t5)).toEqual([
      { type: 'machine.deprovisioning-started', machineId: MACHINE_ID, orderId: 'ord-1', hostId: 'h-1', at: t5 },
    ]);
    expect([machine.status, machine.currentStep]).toEqual(['deprovisioning', 'stop']);
    expect(expectOk(machine.completeStep('stop', t6))).toEqual([
      { type: 'machine.step-completed', machineId: MACHINE_ID, orderId: 'ord-1', step: 'stop', at: t6 },
    ]);
    expect(machine.currentStep).toBe('wipe');
    expectOk(machine.completeStep('wipe', t7));
    expect(machine.currentStep).toBe('destroy');
    expect(expectOk(machine.completeStep('destroy', t8))).toEqual([
      { type: 'machine.step-completed', machineId: MACHINE_ID, orderId: 'ord-1', step: 'destroy', at: t8 },
      {
        type: 'machine.deprovisioned',
        machineId: MACHINE_ID,
        orderId: 'ord-1',
        hostname: HOSTNAME,
        reason: 'rental_ended',
        wasDelivered: true,
        at: t8,
      },
    ]);
    expect(machine.status).toBe('deprovisioned');
    expect(machine.deprovision('order_cancelled', t8)).toEqual([]);
    expect(machine.deprovisionReason).toBe('rental_ended');
  });

  it('stops a machine whose provisioning failed, and one waiting between attempts, as never delivered', () => {
    const failed = requested();
    expectOk(failed.startAttempt(onHost1, t1, constant(0)));
    expectOk(failed.failStep('allocate', { reason: 'broken', retryable: false }, t2, noPause));
    expect(failed.deprovision('order_cancelled', t3)[0]).toMatchObject({ type: 'machine.deprovisioning-started' });
    expect(failed.currentStep).toBe('stop');

    const between = requested();
    expectOk(between.startAttempt(onHost1, t1, constant(0)));
    expectOk(between.failStep('allocate', { reason: 'timeout', retryable: true }, t2, aMinute));
    between.deprovision('order_cancelled', t2);
    expect(between.currentStep).toBe('stop');
    expect(between.snapshot().nextAttemptAt).toBeNull();
    expect(expectErr(between.startAttempt(onHost1, t4, constant(0)))).toMatchObject({ reason: 'illegal_status' });
    expectOk(between.completeStep('stop', t3));
    expectOk(between.completeStep('wipe', t3));
    const [, deprovisioned] = expectOk(between.completeStep('destroy', t3));
    expect(deprovisioned).toMatchObject({ type: 'machine.deprovisioned', reason: 'order_cancelled', wasDelivered: false });
  });

  it('a machine that never reached a host is deprovisioned at once, and never attempted', () => {
    const machine = requested();
    expect(machine.deprovision('order_cancelled', t1)).toEqual([
      {
        type: 'machine.deprovisioned',
        machineId: MACHINE_ID,
        orderId: 'ord-1',
        hostname: HOSTNAME,
        reason: 'order_cancelled',
        wasDelivered: false,
        at: t1,
      },
    ]);
    expect(machine.status).toBe('deprovisioned');
    expect(machine.snapshot().steps).toEqual([]);
    expect(expectErr(machine.startAttempt(onHost1, t2, constant(0))).reason).toBe('illegal_status');
  });

  it('never gives up a failed step: deprovision runs it again, and waits while one runs', () => {
    const machine = requested();
    provision(machine);
    machine.deprovision('order_cancelled', t1);
    expectOk(machine.completeStep('stop', t1));
    expect(expectOk(machine.failStep('wipe', { reason: 'disk_busy', retryable: false }, t2, noPause))).toEqual([
      {
        type: 'machine.step-failed',
        machineId: MACHINE_ID,
        orderId: 'ord-1',
        step: 'wipe',
        error: 'disk_busy',
        willRetry: true,
        at: t2,
      },
    ]);
    expect([machine.status, machine.currentStep]).toEqual(['deprovisioning', null]);
    expect(machine.deprovision('order_cancelled', t3)).toEqual([]);
    expect(machine.currentStep).toBe('wipe');
    const during = machine.snapshot();
    expect(machine.deprovision('order_cancelled', t3)).toEqual([]);
    expect(machine.snapshot()).toEqual(during);
    expectOk(machine.completeStep('wipe', t4));
    expectOk(machine.failStep('destroy', { reason: 'api_down', retryable: true }, t4, noPause));
    machine.deprovision('order_cancelled', t4);
    expect(machine.currentStep).toBe('destroy');
  });

  it.each(['allocate', 'install_image', 'boot'] as const)('lets %s finish when asked during it, then stops instead of going on: no machine.running', (step) => {
    const machine = withPassword();
    expectOk(machine.startAttempt(onHost1, t1, constant(0)));
    if (step !== 'allocate') expectOk(machine.completeStep('allocate', t2));
    if (step === 'boot') expectOk(machine.completeStep('install_image', t3));
    expect(machine.deprovision('order_cancelled', t4)).toEqual([]);
    expect(machine.currentStep).toBe(step);
    expect(expectOk(machine.completeStep(step, t5))).toEqual([
      { type: 'machine.step-completed', machineId: MACHINE_ID, orderId: 'ord-1', step, at: t5 },
      { type: 'machine.deprovisioning-started', machineId: MACHINE_ID, orderId: 'ord-1', hostId: 'h-1', at: t5 },
    ]);
    expect([machine.status, machine.currentStep]).toEqual(['deprovisioning', 'stop']);
    expect(machine.snapshot()).toMatchObject({ deliveredAt: null, credentials: { kind: 'root_password', issuedAt: null } });
    expect(expectErr(machine.installCredentials()).reason).toBe('password_unavailable');
  });

  it('does not retry a step that fails after deprovisioning was asked for, nor report provisioning failed', () => {
    const machine = requested();
    expectOk(machine.startAttempt(onHost1, t1, constant(0)));
    machine.deprovision('order_cancelled', t2);
    expect(expectOk(machine.failStep('allocate', { reason: 'timeout', retryable: true }, t3, noPause))).toEqual([
      expect.objectContaining({ type: 'machine.step-failed', willRetry: false }),
      { type: 'machine.deprovisioning-started', machineId: MACHINE_ID, orderId: 'ord-1', hostId: 'h-1', at: t3 },
    ]);
    expect(machine.currentStep).toBe('stop');
  });

  it('refuses a new attempt once deprovisioning was asked for', () => {
    const machine = requested();
    expectOk(machine.startAttempt(onHost1, t1, constant(0)));
    expectOk(machine.failStep('allocate', { reason: 'timeout', retryable: true }, t1, noPause));
    const restored = Machine.restore({ ...machine.snapshot(), deprovisionReason: 'rental_ended' });
    expect(expectErr(restored.startAttempt(onHost2, t2, constant(0)))).toEqual({
      reason: 'deprovisioning_requested',
      deprovisionReason: 'rental_ended',
    });
    expect(restored.deprovision('rental_ended', t2)[0]).toMatchObject({ type: 'machine.deprovisioning-started' });
  });
});

describe('Machine.restore and snapshot', () => {
  const running = (): MachineState => {
    const machine = withPassword();
    provision(machine);
    return machine.snapshot();
  };

  it('rebuilds a machine that carries on from its stored state', () => {
    const machine = Machine.restore(running());
    expect(machine.snapshot()).toEqual(running());
    expect(machine.hostname).toBe(HOSTNAME);
    expect(machine.deprovision('rental_ended', t4)).toHaveLength(1);
  });

  it('stores nothing it was not meant to', () => {
    const tainted = { ...running(), rootPassword: 'leaked' } as MachineState;
    expect(Machine.restore(tainted).snapshot()).not.toHaveProperty('rootPassword');
  });

  it.each<[string, (state: MachineState) => MachineState]>([
    ['an unknown status', (state) => ({ ...state, status: 'zombie' as MachineState['status'] })],
    ['negative attempts', (state) => ({ ...state, attempts: -1 })],
    ['a failed host listed twice', (state) => ({ ...state, failedHostIds: ['h-1', 'h-1'] })],
    ['a next attempt while running', (state) => ({ ...state, nextAttemptAt: t4 })],
    ['running but never delivered', (state) => ({ ...state, deliveredAt: null })],
    ['deprovisioning without a reason', (state) => ({ ...state, status: 'deprovisioned' })],
    ['an unknown deprovision reason', (state) => ({ ...state, deprovisionReason: 'bored' as MachineState['deprovisionReason'] })],
    ['a host without an attempt', (state) => ({ ...state, attempts: 0 })],
    ['a malformed address', (state) => ({ ...state, ipAddress: '203.0.113' })],
    ['a broken stored key', (state) => ({ ...state, credentials: { kind: 'ssh_key', publicKey: 'ssh-ed25519 AAAA' } })],
    ['an unknown step', (state) => ({ ...state, steps: [{ step: 'dance' as 'boot', startedAt: t1 }] })],
    ['a finished step without an outcome', (state) => ({ ...state, steps: [{ step: 'allocate', startedAt: t1, finishedAt: t2 }] })],
    [
      'an unfinished step before the last',
      (state) => ({
        ...state,
        status: 'booting',
        steps: [
          { step: 'allocate', startedAt: t1 },
          { step: 'boot', startedAt: t2 },
        ],
      }),
    ],
    ['a status that does not match the running step', (state) => ({ ...state, steps: [{ step: 'boot', startedAt: t1 }] })],
    ['a step-running status without a step', (state) => ({ ...state, status: 'installing' })],
    [
      'an error on a step that succeeded',
      (state) => ({ ...state, steps: [{ step: 'allocate', startedAt: t1, finishedAt: t2, outcome: 'succeeded', error: 'x' }] }),
    ],
  ])('throws on %s', (_, corrupt) => {
    expect(() => Machine.restore(corrupt(running()))).toThrow(RangeError);
  });

  it('hands out copies: changing a snapshot or the dates given changes nothing', () => {
    const when = new Date(t1.getTime());
    const machine = requested();
    expectOk(machine.startAttempt(onHost1, when, constant(0)));
    when.setUTCFullYear(2030);
    const snapshot = machine.snapshot();
    snapshot.steps[0].startedAt.setUTCFullYear(2031);
    snapshot.requestedAt.setUTCFullYear(2031);
    expect(machine.snapshot().steps[0].startedAt).toEqual(t1);
    expect(machine.snapshot().requestedAt).toEqual(t0);
  });
});
