import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { type EventDefinition, topicOf } from '@rental/contracts';
import type { EventHandlerFn, InvalidEventHandlerFn } from './event-context';
import { HANDLE_EVENT, REJECT_INVALID } from './handle-event.decorator';

export interface RegisteredHandler {
  name: string;
  handle: EventHandlerFn;
}

export interface RegisteredRejecter {
  name: string;
  reject: InvalidEventHandlerFn;
}

/** Finds every @HandleEvent method in the application and indexes it by event type and version. */
@Injectable()
export class HandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, RegisteredHandler[]>();
  private readonly definitions: EventDefinition[] = [];
  private readonly rejecters = new Map<string, RegisteredRejecter>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const name = `${String(wrapper.name)}.${method}`;
        const rejected = this.reflector.get<EventDefinition[] | undefined>(REJECT_INVALID, prototype[method]);
        for (const definition of rejected ?? []) {
          const id = `${definition.type}@${definition.version}`;
          if (this.rejecters.has(id)) throw new Error(`two @RejectInvalid handlers for ${id}: a sender gets one answer`);
          this.rejecters.set(id, { name, reject: (instance[method] as InvalidEventHandlerFn).bind(instance) });
        }
        const definitions = this.reflector.get<EventDefinition[] | undefined>(HANDLE_EVENT, prototype[method]);
        if (!definitions) continue;
        const handle = (instance[method] as EventHandlerFn).bind(instance);
        for (const definition of definitions) this.add(definition, { name, handle });
      }
    }
  }

  add(definition: EventDefinition, handler: RegisteredHandler): void {
    const id = `${definition.type}@${definition.version}`;
    const list = this.handlers.get(id) ?? [];
    if (list.length === 0) this.definitions.push(definition);
    list.push(handler);
    this.handlers.set(id, list);
  }

  /** Who answers an invalid message of this contract, if the service handles it and can tell the sender. */
  rejecterFor(type: string, version: number): RegisteredRejecter | undefined {
    return this.handlers.has(`${type}@${version}`) ? this.rejecters.get(`${type}@${version}`) : undefined;
  }

  handlersFor(type: string, version: number): RegisteredHandler[] {
    return this.handlers.get(`${type}@${version}`) ?? [];
  }

  /** The topics this service must subscribe to: where the messages it handles travel. */
  topics(prefix: string): string[] {
    return [...new Set(this.definitions.map((d) => topicOf(d, prefix)))];
  }

  handledDefinitions(): EventDefinition[] {
    return [...this.definitions];
  }
}
