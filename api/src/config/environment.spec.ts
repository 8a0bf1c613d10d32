import { InvalidEnvironmentError, loadEnvironment } from './environment';

describe(loadEnvironment.name, () => {
  it('should apply the defaults on an empty environment', () => {
    const environment = loadEnvironment({});
    expect(environment.PORT).toBe(3000);
    expect(environment.DATABASE_URL).toBeUndefined();
    expect(environment.JALON_DATA_DIR).toBe('./data');
    expect(environment.demoEnabled).toBe(true);
    expect(environment.secureCookies).toBe(false);
  });

  it('should turn the demo off and cookies secure in production unless told otherwise', () => {
    expect(loadEnvironment({ NODE_ENV: 'production' }).demoEnabled).toBe(false);
    expect(loadEnvironment({ NODE_ENV: 'production' }).secureCookies).toBe(true);
    expect(loadEnvironment({ NODE_ENV: 'production', JALON_DEMO: 'true' }).demoEnabled).toBe(true);
  });

  it('should keep the demo for the embedded quick start: off by default with DATABASE_URL', () => {
    expect(loadEnvironment({ DATABASE_URL: 'postgres://u@h/db' }).demoEnabled).toBe(false);
    expect(loadEnvironment({ DATABASE_URL: 'postgres://u@h/db', JALON_DEMO: 'true' }).demoEnabled).toBe(true);
  });

  it('should trust no proxy unless JALON_TRUST_PROXY says which', () => {
    expect(loadEnvironment({}).trustProxy).toBe(false);
    expect(loadEnvironment({ JALON_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(loadEnvironment({ JALON_TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });

  it('should serve over HTTPS only with secure cookies or an https public URL', () => {
    expect(loadEnvironment({}).servedOverHttps).toBe(false);
    expect(loadEnvironment({ JALON_PUBLIC_URL: 'https://jalon.example.com' }).servedOverHttps).toBe(true);
    expect(loadEnvironment({ NODE_ENV: 'production' }).servedOverHttps).toBe(true);
  });

  it('should declare the SMTP relay and the sender for the mail module', () => {
    const environment = loadEnvironment({ SMTP_URL: 'smtp://relay:25', JALON_PUBLIC_URL: 'https://jalon.example.com' });
    expect(environment.SMTP_URL).toBe('smtp://relay:25');
    expect(environment.mailFrom).toBe('Jalon <jalon@jalon.example.com>');
    expect(environment.JALON_SESSION_MAX_HOURS).toBe(168);
    expect(environment.JALON_MAIL_MAX_ATTEMPTS).toBe(8);
    expect(environment.SMTP_TLS_REJECT_UNAUTHORIZED).toBe(true);
    expect(loadEnvironment({ SMTP_URL: 'smtps://user:s%40cret@relay.example.com:465' }).SMTP_URL).toBe('smtps://user:s%40cret@relay.example.com:465');
  });

  it.each([
    ['SMTP_URL', 'relay:25'],
    ['SMTP_URL', 'smtp://relay:99999'],
    ['SMTP_URL', 'smtp://:25'],
    ['SMTP_URL', 'smtp://user:p%zz@relay:25'],
    ['SMTP_TLS_REJECT_UNAUTHORIZED', 'perhaps'],
    ['JALON_MAIL_MAX_ATTEMPTS', '0'],
    ['JALON_MAIL_FROM', 'not an address'],
    ['JALON_TRUST_PROXY', 'loopback; rm -rf'],
    ['JALON_SESSION_MAX_HOURS', '0'],
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://root@localhost/jalon'],
    ['JALON_DEMO', 'maybe'],
    ['LOG_FORMAT', 'xml'],
    ['JALON_SESSION_HOURS', '0'],
    ['JALON_PUBLIC_URL', 'jalon.example.com'],
  ])('should refuse %s=%s, naming the variable', (variable, value) => {
    let thrown: unknown;
    try {
      loadEnvironment({ [variable]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidEnvironmentError);
    expect((thrown as InvalidEnvironmentError).message).toContain(`${variable}=`);
  });

  it('should list every bad variable at once', () => {
    expect(() => loadEnvironment({ PORT: '-1', LOG_LEVEL: 'chatty' })).toThrow(/PORT=.*\n.*LOG_LEVEL=/s);
  });
});
