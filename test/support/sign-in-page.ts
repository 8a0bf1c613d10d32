import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = 'jalon-demo';

/** Signs in through the real sign-in page, as a user would. */
export async function signInThroughPage(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
