import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  validateSync,
  type ValidatorConstraintInterface,
} from 'class-validator';

export const LOG_FORMATS = ['json', 'pretty'] as const;
export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalised)) return true;
  if (['false', '0', 'no', 'off'].includes(normalised)) return false;
  return value;
};

/** An smtp(s):// URL that parses, with a host and, when given, a port in range. */
@ValidatorConstraint({ name: 'smtpUrl' })
class SmtpUrlIsParsable implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    try {
      const url = new URL(value);
      decodeURIComponent(url.username);
      decodeURIComponent(url.password);
      return /^smtps?:$/.test(url.protocol) && url.hostname !== '' && (url.port === '' || (Number(url.port) > 0 && Number(url.port) < 65536));
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'SMTP_URL must be a valid smtp://[user:password@]host[:port] URL (percent-encode special characters of the password)';
  }
}

/**
 * Every setting Jalon reads from its environment. Validated once at start-up so that a typo
 * stops the process with the variable's name instead of failing later on a request.
 */
export class Environment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** A PostgreSQL URL; without it Jalon runs on the embedded PGlite database. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** Folder of the embedded database's files (PGlite mode only). */
  @IsString()
  JALON_DATA_DIR = './data';

  /** Seed the demo project on an empty database. Defaults to on, except in production. */
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean()
  JALON_DEMO?: boolean;

  /** Run pending migrations when the API starts. */
  @Transform(toBoolean)
  @IsBoolean()
  JALON_MIGRATE_ON_START = true;

  /** Folder of the built web app served at '/'. */
  @IsOptional()
  @IsString()
  JALON_WEB_DIR?: string;

  /** Hours of inactivity after which a sign-in session ends. */
  @Transform(({ value }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  JALON_SESSION_HOURS = 12;

  /** Sign-in attempts allowed per e-mail and address within JALON_LOGIN_WINDOW_SECONDS. */
  @Transform(({ value }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value))
  @IsInt()
  @Min(1)
  JALON_LOGIN_MAX_ATTEMPTS = 5;

  @Transform(({ value }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value))
  @IsInt()
  @Min(1)
  JALON_LOGIN_WINDOW_SECONDS = 60;

  /** The address users reach Jalon at, for links in feeds and e-mails. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'JALON_PUBLIC_URL must be an http(s) URL' })
  JALON_PUBLIC_URL?: string;

  /** Sessions end this many hours after sign-in, active or not (absolute lifetime). */
  @Transform(({ value }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  JALON_SESSION_MAX_HOURS = 24 * 7;

  /**
   * Which proxies may set X-Forwarded-For (Express's "trust proxy": `loopback`, a list of
   * addresses / CIDR ranges, or a number of hops). Unset: nobody, the client's own address counts.
   */
  @IsOptional()
  @Matches(/^[\w.:/, -]+$/, { message: 'JALON_TRUST_PROXY must be loopback, addresses / CIDR ranges separated by commas, or a number of hops' })
  JALON_TRUST_PROXY?: string;

  /**
   * The SMTP relay for e-mails (`smtp://user:password@host:587` or `smtps://…:465`). Without it,
   * mails are written as `.eml` files under `<JALON_DATA_DIR>/mail/` (folder mode).
   */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  @Validate(SmtpUrlIsParsable)
  SMTP_URL?: string;

  /** Refuse an SMTP relay whose TLS certificate does not verify (on by default). */
  @Transform(toBoolean)
  @IsBoolean()
  SMTP_TLS_REJECT_UNAUTHORIZED = true;

  /** Insist on STARTTLS on an smtp:// relay (the session fails rather than send in clear). */
  @Transform(toBoolean)
  @IsBoolean()
  SMTP_REQUIRE_TLS = false;

  /** Attempts per mail before it is left as failed on the admin page (exponential backoff between). */
  @Transform(({ value }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(100)
  JALON_MAIL_MAX_ATTEMPTS = 8;

  /** The sender of Jalon's e-mails (`Jalon <jalon@example.com>`). */
  @IsOptional()
  @Matches(/^([^<>\r\n]*<)?[^@\s<>]+@[^@\s<>]+>?$/, { message: 'JALON_MAIL_FROM must be an e-mail address, optionally "Name <address>"' })
  JALON_MAIL_FROM?: string;

  /** Send cookies only over HTTPS. Defaults to on in production. */
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean()
  JALON_SECURE_COOKIES?: boolean;

  @IsIn(LOG_FORMATS)
  LOG_FORMAT: (typeof LOG_FORMATS)[number] = 'json';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'log';

  get secureCookies(): boolean {
    return this.JALON_SECURE_COOKIES ?? this.NODE_ENV === 'production';
  }

  /** Jalon is reached over HTTPS (secure cookies, or an https public URL): only then ask browsers to upgrade. */
  get servedOverHttps(): boolean {
    return this.secureCookies || /^https:/i.test(this.JALON_PUBLIC_URL ?? '');
  }

  /** Express's "trust proxy" value, or false when no proxy is configured. */
  get trustProxy(): boolean | number | string {
    const value = this.JALON_TRUST_PROXY?.trim();
    if (!value || ['false', 'no', 'off', '0'].includes(value.toLowerCase())) return false;
    if (/^\d+$/.test(value)) return Number(value);
    if (['true', 'yes', 'on'].includes(value.toLowerCase())) return true;
    return value;
  }

  /** The sender of e-mails: JALON_MAIL_FROM, or jalon@ the public URL's host. */
  get mailFrom(): string {
    return this.JALON_MAIL_FROM ?? `Jalon <jalon@${new URL(this.publicUrl).hostname}>`;
  }

  get publicUrl(): string {
    return (this.JALON_PUBLIC_URL ?? `http://localhost:${this.PORT}`).replace(/\/$/, '');
  }

  /**
   * The demo (accounts with a published password) is for the embedded quick start: on by default
   * only without DATABASE_URL and outside production.
   */
  get demoEnabled(): boolean {
    return this.JALON_DEMO ?? (this.NODE_ENV !== 'production' && !this.DATABASE_URL);
  }
}

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

/** Reads and validates the environment; throws an error naming every bad variable. */
export function loadEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const known = Object.keys(new Environment());
  const relevant: Record<string, string> = {};
  for (const key of [
    ...known,
    ...['JALON_DEMO', 'DATABASE_URL', 'JALON_WEB_DIR', 'JALON_PUBLIC_URL', 'JALON_SECURE_COOKIES'],
    ...['JALON_TRUST_PROXY', 'SMTP_URL', 'JALON_MAIL_FROM'],
  ]) {
    const value = source[key];
    if (value !== undefined && value !== '') relevant[key] = value;
  }
  const environment = plainToInstance(Environment, relevant, { exposeDefaultValues: true });
  const errors = validateSync(environment, { whitelist: false });
  if (errors.length > 0) {
    throw new InvalidEnvironmentError(
      errors.map((error) => {
        const reasons = Object.values(error.constraints ?? {}).join('; ');
        return `${error.property}=${JSON.stringify(relevant[error.property] ?? error.value)}: ${reasons}`;
      }),
    );
  }
  return environment;
}
