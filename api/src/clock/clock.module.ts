import { Module } from '@nestjs/common';
import { Clock } from './clock';

/** Import it where "now" or "today" is needed; Nest builds one Clock for the whole app. */
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
