import { ConfigError } from '@rental/config';
import { loadGatewayConfig } from './gateway-config';

describe('gateway configuration: limits on the public API', () => {
  it('defaults to limits a real customer does not reach: 600 requests a minute per key, 1,200 per address, 5 streams, 100 kB bodies', () => {
    expect(loadGatewayConfig({}).limits).toEqual({ perKey: 600, perAddress: 1_200, windowMs: 60_000, streamsPerKey: 5, bodyBytes: 102_400, trustedProxies: [] });
  });

  it('takes the variables given', () => {
    const { limits } = loadGatewayConfig({
      GATEWAY_RATE_LIMIT_PER_KEY: '5',
      GATEWAY_RATE_LIMIT_PER_ADDRESS: '50',
      GATEWAY_RATE_LIMIT_WINDOW_MS: '1000',
      GATEWAY_MAX_STREAMS_PER_KEY: '2',
      GATEWAY_MAX_BODY_BYTES: '2048',
      GATEWAY_TRUSTED_PROXIES: 'loopback, 10.0.0.0/8,2001:db8::1',
    });
    expect(limits).toEqual({ perKey: 5, perAddress: 50, windowMs: 1_000, streamsPerKey: 2, bodyBytes: 2_048, trustedProxies: ['loopback', '10.0.0.0/8', '2001:db8::1'] });
  });

  it('refuses to start on a limit that is not a positive whole number, naming every one', () => {
    const load = () =>
      loadGatewayConfig({
        GATEWAY_RATE_LIMIT_PER_KEY: '0',
        GATEWAY_RATE_LIMIT_PER_ADDRESS: 'lots',
        GATEWAY_MAX_STREAMS_PER_KEY: '-1',
        GATEWAY_MAX_BODY_BYTES: '1.5',
        GATEWAY_TRUSTED_PROXIES: '10.0.0.0/33',
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/GATEWAY_RATE_LIMIT_PER_KEY[\s\S]*GATEWAY_RATE_LIMIT_PER_ADDRESS[\s\S]*GATEWAY_MAX_STREAMS_PER_KEY[\s\S]*GATEWAY_MAX_BODY_BYTES[\s\S]*GATEWAY_TRUSTED_PROXIES/);
  });

  it.each(['everyone', '300.1.1.1', '10.0.0.0/8/1', 'loopback,,x'])('refuses %s as a trusted proxy', (value) => {
    expect(() => loadGatewayConfig({ GATEWAY_TRUSTED_PROXIES: value })).toThrow(/GATEWAY_TRUSTED_PROXIES/);
  });
});
