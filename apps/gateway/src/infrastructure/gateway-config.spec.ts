import { ConfigError } from '@rental/config';
import { loadGatewayConfig } from './gateway-config';

describe('gateway configuration: limits on the public API', () => {
  it('defaults to limits a real customer does not reach: 600 requests a minute per key, 1,200 per address, 5 streams, 100 kB bodies', () => {
    expect(loadGatewayConfig({}).limits).toEqual({ perKey: 600, perAddress: 1_200, windowMs: 60_000, streamsPerKey: 5, bodyBytes: 102_400 });
  });

  it('takes the variables given', () => {
    const { limits } = loadGatewayConfig({
      GATEWAY_RATE_LIMIT_PER_KEY: '5',
      GATEWAY_RATE_LIMIT_PER_ADDRESS: '50',
      GATEWAY_RATE_LIMIT_WINDOW_MS: '1000',
      GATEWAY_MAX_STREAMS_PER_KEY: '2',
      GATEWAY_MAX_BODY_BYTES: '2048',
    });
    expect(limits).toEqual({ perKey: 5, perAddress: 50, windowMs: 1_000, streamsPerKey: 2, bodyBytes: 2_048 });
  });

  it('refuses to start on a limit that is not a positive whole number, naming every one', () => {
    const load = () => loadGatewayConfig({ GATEWAY_RATE_LIMIT_PER_KEY: '0', GATEWAY_RATE_LIMIT_PER_ADDRESS: 'lots', GATEWAY_MAX_STREAMS_PER_KEY: '-1', GATEWAY_MAX_BODY_BYTES: '1.5' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/GATEWAY_RATE_LIMIT_PER_KEY[\s\S]*GATEWAY_RATE_LIMIT_PER_ADDRESS[\s\S]*GATEWAY_MAX_STREAMS_PER_KEY[\s\S]*GATEWAY_MAX_BODY_BYTES/);
  });
});
