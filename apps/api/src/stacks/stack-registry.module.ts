import { Global, Module } from '@nestjs/common';
import { StackRegistry } from './stack-registry.js';

/** The registry is global: faults, health and later modules look stacks up through it. */
@Global()
@Module({ providers: [StackRegistry], exports: [StackRegistry] })
export class StackRegistryModule {}
