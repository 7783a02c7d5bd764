import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { KafkaHealthIndicator } from '@rental/messaging';
import { ApiError } from './http/api-error';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
  ) {}

  /** The process is up and serving HTTP; restart it if this fails. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Its database and the Kafka cluster answer; send it traffic only while this passes. */
  @Get('ready')
  @HealthCheck()
  async ready() {
    try {
      return await this.health.check([() => this.database.pingCheck('database', { timeout: 2_000 }), () => this.kafka.isHealthy('kafka')]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) throw notReady(error.getResponse() as { error?: HealthIndicatorResult });
      throw error;
    }
  }
}

/** Terminus's report of the failing parts, in the error body every answer that is not a success has. */
function notReady(report: { error?: HealthIndicatorResult }): ApiError {
  const failing = Object.entries(report.error ?? {});
  const details = failing.map(([part, { status, ...rest }]) => ({
    field: part,
    problems: [typeof rest.message === 'string' ? `${status}: ${rest.message}` : String(status)],
  }));
  return new ApiError(503, 'not_ready', `not ready: ${failing.map(([part]) => part).join(', ') || 'a dependency'} down`, details);
}
