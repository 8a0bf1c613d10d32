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

  it.each([
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
