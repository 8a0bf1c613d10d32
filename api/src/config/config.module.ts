import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Environment } from './environment';
import { ENVIRONMENT } from './environment.provider';

@Global()
@Module({})
export class ConfigModule {
  static forEnvironment(environment: Environment): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: ENVIRONMENT, useValue: environment }],
      exports: [ENVIRONMENT],
    };
  }
}
