import NodeEnvironment from 'jest-environment-node';

/**
 * Jest's Node environment, with `setTimeZone(zone)` on the test's global: a test's process.env is a
 * copy, so TZ set there moves no clock; this sets it on the worker's own process, and puts the
 * worker's zone back after the file.
 */
export default class TimeZoneEnvironment extends NodeEnvironment {
  private readonly zone = process.env.TZ;

  override async setup(): Promise<void> {
    await super.setup();
    this.global.setTimeZone = (zone: string) => {
      process.env.TZ = zone;
    };
  }

  override async teardown(): Promise<void> {
    if (this.zone === undefined) delete process.env.TZ;
    else process.env.TZ = this.zone;
    await super.teardown();
  }
}
