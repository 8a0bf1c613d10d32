import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { MIN_PASSWORD_LENGTH } from '../accounts/dto/account-requests.dto';
import { PasswordHasher } from '../accounts/password-hasher';
import { AuditTrail } from '../audit/audit-trail.service';
import { loadEnvironment } from '../config/environment';
import { buildDataSourceOptions } from '../database/data-source-options';

const USAGE = `Creates an instance administrator (a production start creates no default account).

  npx nx run api:create-admin --args="--email=it@example.com --name='Marie Curie'"

The password is read from JALON_ADMIN_PASSWORD; without it a strong one is generated and printed once.`;

async function createAdmin(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help || !values.email) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 1);
  }
  const generated = !process.env['JALON_ADMIN_PASSWORD'];
  const password = process.env['JALON_ADMIN_PASSWORD'] ?? randomBytes(15).toString('base64url');
  if (password.length < MIN_PASSWORD_LENGTH) {
    console.error(`JALON_ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters`);
    process.exit(1);
  }
  const environment = loadEnvironment();
  const dataSource = new DataSource(buildDataSourceOptions(environment));
  await dataSource.initialize();
  try {
    const accounts = new AccountsService(dataSource, new PasswordHasher(), new AuditTrail());
    const user = await accounts.createUser({
      email: values.email,
      displayName: values.name ?? values.email,
      password,
      isAdmin: true,
    });
    console.log(`Administrator ${user.email} created.`);
    if (generated) console.log(`Password (shown once, change it after signing in): ${password}`);
  } finally {
    await dataSource.destroy();
  }
}

createAdmin().catch((error: unknown) => {
  console.error('Could not create the administrator:', error instanceof Error ? error.message : error);
  process.exit(1);
});
