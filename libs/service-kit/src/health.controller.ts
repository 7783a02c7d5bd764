import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheck,
  type HealthCheckResult,
  HealthCheckService,
  type HealthIndicatorFunction,
  type HealthIndicatorResult,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { KafkaHealthIndicator } from '@rental/messaging';
import { loopLiveness } from '@rental/persistence';
import { DataSource } from 'typeorm';
import { ApiError } from './http/api-error';
import { kafkaReadiness } from './kafka-readiness';

/**
 * The two probes an orchestrator asks. Liveness fails only when the process cannot get itself out
 * of trouble (a worker's pass is stuck), never because a dependency is down: restarting the pod
 * does not bring a broker back. Readiness says whether the service can take requests: its database
 * answers, no worker is stuck, and, while the Kafka cluster answers, its consumer is a member of
 * its group. While the cluster is away the outbox keeps every event the service commits, so the
 * service stays ready; the body then says that Kafka is unreachable and the consumer not a member.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
  ) {}

  /** The process is up and none of its workers is stuck; restart it if this fails. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.checked(this.health.check([() => this.workers()]), 'not_live');
  }

  /** Send it traffic only while this passes. */
  @Get('ready')
  @HealthCheck()
  async ready() {
    const kafka = kafkaReadiness(await this.kafka.isHealthy('kafka'), this.kafka.consumerIsMember('consumer'));
    const checks: HealthIndicatorFunction[] = [
      () => this.database.pingCheck('database', { timeout: 2_000 }),
      () => this.workers(),
      ...kafka.decides.map((part) => () => part),
    ];
    const result = await this.checked(this.health.check(checks), 'not_ready', kafka.reported);
    return { ...result, error: { ...result.error, ...kafka.reported }, details: { ...result.details, ...kafka.reported } };
  }

  /** Every NotifiedLoop of this service (outbox relay, timer runner, its own runners): down if one is stuck. */
  private workers(key = 'workers'): HealthIndicatorResult {
    const indicator = this.indicators.check(key);
    const loops = loopLiveness(this.dataSource);
    const details = Object.fromEntries(loops.map(({ name, lastPassAt, ...rest }) => [name, { ...rest, lastPassAt: lastPassAt?.toISOString() ?? null }]));
    const stuck = loops.filter((loop) => loop.stuck).map((loop) => loop.name);
    return stuck.length === 0 ? indicator.up(details) : indicator.down({ message: `stuck in a pass: ${stuck.join(', ')}`, ...details });
  }

  /** Terminus's answer, or the error body every answer that is not a success has, naming the failing parts. */
  private async checked(check: Promise<HealthCheckResult>, code: string, alsoDown: HealthIndicatorResult = {}): Promise<HealthCheckResult> {
    try {
      return await check;
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        const report = error.getResponse() as { error?: HealthIndicatorResult };
        throw unhealthy(code, { ...report.error, ...alsoDown });
      }
      throw error;
    }
  }
}

function unhealthy(code: string, failing: HealthIndicatorResult): ApiError {
  const parts = Object.entries(failing);
  const details = parts.map(([part, { status, ...rest }]) => ({
    field: part,
    problems: [typeof rest.message === 'string' ? `${status}: ${rest.message}` : String(status)],
  }));
  const what = code === 'not_live' ? 'not live' : 'not ready';
  return new ApiError(503, code, `${what}: ${parts.map(([part]) => part).join(', ') || 'a dependency'} down`, details);
}
