import { parseOpsArguments, UsageError } from '../../deploy/ops/ops-arguments';

// Pure parsing, no broker: under test/ because the unit project runs only apps/ and libs/ specs.
describe('the ops command line', () => {
  const services = ['order', 'billing'];
  const parse = (line: string) => parseOpsArguments(line.split(' ').filter(Boolean), services);
  const refused = (line: string) => {
    try {
      parse(line);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error(`"${line}" was accepted`);
  };

  it('reads each command with its options', () => {
    expect(parse('status --json')).toEqual({ command: 'status', json: true });
    expect(parse('dead-letters list')).toEqual({ command: 'list', json: false, services, reason: undefined, type: undefined, includeDecided: false });
    expect(parse('dead-letters list --service billing --reason schema-violation --type invoice.paid --all')).toEqual({
      command: 'list',
      json: false,
      services: ['billing'],
      reason: 'schema-violation',
      type: 'invoice.paid',
      includeDecided: true,
    });
    expect(parse('dead-letters show order 2:17')).toEqual({ command: 'show', json: false, service: 'order', partition: 2, offset: '17' });
    expect(parse('dead-letters replay order 0:9007199254740993 --dry-run')).toEqual({
      command: 'replay',
      json: false,
      service: 'order',
      selection: { partition: 0, offset: '9007199254740993' },
      dryRun: true,
      force: false,
    });
    expect(parse('dead-letters replay order --reason handler-failed --type invoice.paid --force')).toMatchObject({
      selection: { filter: { reason: 'handler-failed', type: 'invoice.paid' } },
      force: true,
    });
    expect(parse('dead-letters replay order --all')).toMatchObject({ selection: { filter: {} } });
    expect(parseOpsArguments(['dead-letters', 'discard', 'billing', '1:3', '--note', 'sent twice by the bank'], services)).toEqual({
      command: 'discard',
      json: false,
      service: 'billing',
      partition: 1,
      offset: '3',
      note: 'sent twice by the bank',
      force: false,
    });
  });

  it('says what is wrong with a command line', () => {
    expect(refused('')).toBe('no command given');
    expect(refused('dead-letters')).toMatch(/needs list, show, replay or discard/);
    expect(refused('dead-letters list --service shop')).toMatch(/--service: the service is one of order, billing/);
    expect(refused('dead-letters list --reason broken')).toMatch(/--reason: the reason is one of missing-metadata, .*handler-failed/);
    expect(refused('dead-letters list --type Invoice')).toMatch(/--type: an event type looks like invoice.paid/);
    expect(refused('dead-letters list --colour red')).toMatch(/colour/);
    expect(refused('dead-letters show order 17')).toMatch(/<partition>:<offset>, e.g. 0:42/);
    expect(refused('dead-letters show order')).toMatch(/<partition>:<offset>/);
    expect(refused('dead-letters replay order')).toMatch(/exactly one of/);
    expect(refused('dead-letters replay order 0:1 --all')).toMatch(/exactly one of/);
    expect(refused('dead-letters replay order --all --note x')).toMatch(/does not take --note/);
    expect(refused('dead-letters discard order 0:1')).toMatch(/--note: say why/);
    expect(refused('dead-letters discard order 0:1 --note')).toMatch(/--note/);
    expect(refused('dead-letters list extra')).toMatch(/unexpected argument "extra"/);
    expect(refused('status --force')).toMatch(/does not take --force/);
  });
});
