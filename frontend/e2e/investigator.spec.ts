import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import staffTr from '../src/i18n/staff/tr';
import { checkPage } from './helpers';
import {
  acceptInvitation,
  BALL_TRIAL_TITLE,
  childBallProfile,
  createVolunteer,
  DEMO,
  HACETTEPE,
  signedInPage,
  volunteerReferrals,
} from './staff-helpers';

const T = 'investigator';

test.use({ actionTimeout: 15_000 });

/** A Turkish text of the staff namespace: the demo investigator's account is in Turkish. */
function tr(path: string, values: Record<string, string | number> = {}): string {
  let node: unknown = staffTr;
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`no Turkish text for ${path}`);
  return node.replace(/{{\s*(\w+)\s*}}/g, (_m, name: string) => String(values[name] ?? ''));
}

function yearFromNow(): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

async function move(page: Page, button: string, to: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: tr('referral.confirm') }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('referral-state')).toHaveText(tr(`states.${to}`));
}

test('an investigator finds a de-identified candidate, invites after the ethics approval, sees the identity once accepted and moves the referral to treated; the admin sees the audit trail', async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const volunteer = await createVolunteer(request, childBallProfile(HACETTEPE));

  // The investigator's account is in Turkish.
  const inv = await signedInPage(browser, DEMO.investigator, /\/investigator$/);
  await expect(inv.locator('html')).toHaveAttribute('lang', 'tr');
  await inv.getByRole('navigation').getByRole('link', { name: tr('nav.myTrials') }).click();
  await expect(inv.getByRole('heading', { level: 1 })).toHaveText(tr('investigator.trialsTitle'));
  await checkPage(inv, testInfo, T, 'trials');

  await inv.getByRole('link', { name: tr('investigator.candidatesFor', { title: BALL_TRIAL_TITLE }) }).click();
  await expect(inv.getByRole('heading', { level: 1 })).toHaveText(tr('candidates.title'));
  const candidatesUrl = inv.url();
  await inv.getByLabel(tr('candidates.site'), { exact: true }).selectOption({ label: `${HACETTEPE.name} (Ankara)` });

  // The volunteer lives at the site, so ranks before the demo's synthetic
  // candidates of the same standing. De-identified: no name anywhere.
  const card = inv
    .getByTestId('candidate-card')
    .filter({ hasText: '9 yaş' })
    .filter({ hasText: tr('candidates.distance', { km: '0' }) })
    .filter({ hasText: tr('candidates.lines_one', { count: 1 }) })
    .first();
  await expect(card).toContainText('9 yaş');
  await expect(card).toContainText(tr('values.female'));
  await expect(card).toContainText(tr('candidates.distance', { km: '0' }));
  await expect(card).toContainText(tr('candidates.withinReach'));
  const candidateId = (await card.getAttribute('data-candidate-id')) ?? '';
  expect(candidateId).toMatch(/^C-/);
  await expect(inv.locator('main')).not.toContainText(volunteer.givenName);
  await expect(inv.locator('main')).not.toContainText(volunteer.familyName);

  // The criterion-by-criterion explanation, behind a button.
  await card.getByRole('button', { name: tr('candidates.showExplanation') }).click();
  await expect(card.getByRole('button', { name: tr('candidates.hideExplanation') })).toHaveAttribute('aria-expanded', 'true');
  await expect(card.locator('[data-criterion="rr-b-all"]')).toHaveAttribute('data-outcome', 'met');
  await expect(card.locator('[data-criterion="organs"]')).toHaveAttribute('data-outcome', 'unknown');
  await checkPage(inv, testInfo, T, 'candidates');

  // No ethics approval yet: the invitation is refused, and says why.
  await card.getByRole('button', { name: tr('candidates.inviteLabel', { id: candidateId }) }).click();
  let dialog = inv.getByRole('dialog', { name: tr('candidates.inviteTitle', { id: candidateId }) });
  await dialog.getByLabel(tr('candidates.inviteSite')).selectOption({ label: `${HACETTEPE.name} (Ankara)` });
  await dialog.getByRole('button', { name: tr('candidates.sendInvite') }).click();
  await expect(dialog.getByTestId('invite-error')).toHaveText(tr('candidates.no_ethics_approval'));
  await checkPage(inv, testInfo, T, 'invite-refused');
  await dialog.getByRole('button', { name: tr('common.cancel') }).click();

  // The sponsor records the approval for the site, and an invitation message.
  const sp = await signedInPage(browser, DEMO.sponsor, /\/sponsor$/);
  await sp.getByRole('navigation').getByRole('link', { name: 'Trials' }).click();
  await sp.getByRole('link', { name: BALL_TRIAL_TITLE }).click();
  await sp.getByRole('tab', { name: 'Recruitment' }).click();
  const message = sp.getByRole('textbox', { name: 'Message to invited volunteers' });
  await message.fill('Write to us at trials@hacettepe.edu.tr for an appointment.');
  await sp.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(sp.getByText('Remove the e-mail address: volunteers reach the site through TrialMatch.')).toBeVisible();
  await message.fill('Our paediatric CAR-T team in Ankara would be glad to meet you and your child.');
  await sp.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(sp.getByText('The invitation message is saved.')).toBeVisible();

  await sp.getByRole('button', { name: 'Record an approval' }).click();
  const ethics = sp.getByRole('dialog', { name: 'Record an approval' });
  await ethics.getByLabel('Site covered').selectOption({ label: `${HACETTEPE.name} (Ankara)` });
  await ethics.getByRole('textbox', { name: 'Reference number' }).fill('KAEK-2026/114');
  await ethics.getByRole('textbox', { name: 'Ethics committee' }).fill('Hacettepe University Clinical Research Ethics Board');
  await ethics.getByLabel('Expires on').fill(yearFromNow());
  await ethics.getByRole('button', { name: 'Record an approval' }).click();
  await expect(ethics).toBeHidden();
  const approval = sp.getByRole('row', { name: /KAEK-2026\/114/ });
  await expect(approval).toContainText(HACETTEPE.name);
  await expect(approval).toContainText('In force');
  await checkPage(sp, testInfo, T, 'sponsor-ethics');
  await sp.context().close();

  // Now the invitation goes out.
  await inv.goto(candidatesUrl);
  const cardAgain = inv.locator(`[data-testid="candidate-card"][data-candidate-id="${candidateId}"]`);
  await cardAgain.getByRole('button', { name: tr('candidates.inviteLabel', { id: candidateId }) }).click();
  dialog = inv.getByRole('dialog', { name: tr('candidates.inviteTitle', { id: candidateId }) });
  await expect(dialog).toContainText('Our paediatric CAR-T team in Ankara');
  await dialog.getByLabel(tr('candidates.inviteSite')).selectOption({ label: `${HACETTEPE.name} (Ankara)` });
  await dialog.getByRole('button', { name: tr('candidates.sendInvite') }).click();
  await expect(dialog).toBeHidden();
  await expect(cardAgain).toContainText(tr('candidates.invited'));

  // The volunteer (through the API) has the invitation for this candidate, and accepts.
  const [referral] = (await volunteerReferrals(request, volunteer)).filter((r) => r.candidate_id === candidateId);
  expect(referral?.state).toBe('invited');
  await acceptInvitation(request, volunteer, referral?.id ?? '');

  // The pipeline: the referral, accepted.
  await inv.getByRole('link', { name: tr('investigator.pipeline') }).click();
  await expect(inv.getByRole('heading', { level: 1 })).toHaveText(tr('pipeline.title'));
  const row = inv.getByRole('row', { name: new RegExp(candidateId) });
  await expect(row).toContainText(tr('states.accepted'));
  await checkPage(inv, testInfo, T, 'pipeline');

  // The referral: the identity is released now, and the reading is audited.
  await row.getByRole('link', { name: tr('pipeline.open', { id: candidateId }) }).click();
  await expect(inv.getByRole('heading', { level: 1 })).toHaveText(tr('referral.title', { id: candidateId }));
  const identity = inv.getByTestId('identity');
  await expect(identity).toContainText(volunteer.givenName);
  await expect(identity).toContainText(volunteer.familyName);
  await expect(identity).toContainText(tr('referral.identityAudited'));
  await checkPage(inv, testInfo, T, 'referral');

  // A colleague's page shows the same referral; whoever moves second is told.
  const colleague = await inv.context().newPage();
  await colleague.goto(inv.url());
  await expect(colleague.getByTestId('referral-state')).toHaveText(tr('states.accepted'));

  await move(inv, tr('referral.moves.prescreening'), 'prescreening');

  await colleague.getByRole('button', { name: tr('referral.moves.prescreening'), exact: true }).click();
  await colleague.getByRole('dialog').getByRole('button', { name: tr('referral.confirm') }).click();
  await expect(colleague.getByTestId('referral-notice')).toHaveText(tr('referral.stale'));
  await expect(colleague.getByTestId('referral-state')).toHaveText(tr('states.prescreening'));
  await checkPage(colleague, testInfo, T, 'referral-stale');
  await colleague.close();

  await move(inv, tr('referral.moves.eligible'), 'eligible');

  // A screen failure needs a reason; this one is abandoned.
  await inv.getByRole('button', { name: tr('referral.moves.screen_failed'), exact: true }).click();
  const fail = inv.getByRole('dialog');
  await fail.getByRole('button', { name: tr('referral.confirm') }).click();
  await expect(fail).toContainText(tr('common.required'));
  await expect(fail.getByLabel(tr('referral.criterion'))).toContainText('rr-b-all');
  await checkPage(inv, testInfo, T, 'screen-failure-dialog');
  await fail.getByRole('button', { name: tr('common.cancel') }).click();
  await expect(fail).toBeHidden();

  await move(inv, tr('referral.moves.consented'), 'consented');
  await move(inv, tr('referral.moves.enrolled'), 'enrolled');
  await move(inv, tr('referral.moves.treated'), 'treated');
  const history = inv.getByRole('table', { name: tr('referral.historyCaption') });
  await expect(history.getByRole('row')).toHaveCount(8); // header, invited, accepted and five steps
  await checkPage(inv, testInfo, T, 'treated');
  await inv.context().close();

  // The admin finds the moves and the identity reads in the audit log.
  const admin = await signedInPage(browser, DEMO.admin, /\/admin\/users$/);
  await admin.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Audit log');
  await admin.getByLabel('Subject id', { exact: true }).fill(referral?.id ?? '');
  await admin.getByRole('combobox', { name: 'Action' }).fill('referral.transition');
  await admin.getByRole('combobox', { name: 'Action' }).press('Escape');
  await admin.getByRole('button', { name: 'Apply filters' }).click();
  const table = admin.getByTestId('audit-table');
  // One per step of the history: invited, accepted and the five the site made.
  await expect(table.locator('tbody tr[data-action="referral.transition"]')).toHaveCount(7);
  await expect(table.locator('tbody tr:not([data-action="referral.transition"])')).toHaveCount(0);
  await checkPage(admin, testInfo, T, 'audit-transitions');

  await admin.getByRole('combobox', { name: 'Action' }).fill('referral.identity_read');
  await admin.getByRole('combobox', { name: 'Action' }).press('Escape');
  await admin.getByRole('button', { name: 'Apply filters' }).click();
  await expect(table.locator('tbody tr[data-action="referral.identity_read"]').first()).toBeVisible();
  await expect(table.locator('tbody tr:not([data-action="referral.identity_read"])')).toHaveCount(0);
  await expect(table).toContainText('Investigator');
  await checkPage(admin, testInfo, T, 'audit-identity-reads');

  // The same events as CSV, downloaded with the admin's token.
  const downloading = admin.waitForEvent('download');
  await admin.getByRole('button', { name: 'Export as CSV' }).click();
  const csv = readFileSync((await (await downloading).path()) ?? '', 'utf8');
  expect(csv.split('\n')[0]).toBe('id,occurred_at,actor_id,actor_role,action,subject_type,subject_id,request_id,details');
  expect(csv).toContain(`referral.identity_read,referral,${referral?.id ?? ''}`);
  expect(csv).not.toContain('referral.transition');

  // The invitation e-mail went to the parent (kept in the development mailbox).
  await admin.getByRole('navigation').getByRole('link', { name: 'Mailbox' }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Development mailbox');
  const mail = admin.getByRole('row', { name: new RegExp(volunteer.email) }).first();
  await expect(mail).toBeVisible();
  await mail.getByRole('button').click();
  await expect(mail.getByRole('button')).toHaveAttribute('aria-expanded', 'true');
  await checkPage(admin, testInfo, T, 'mailbox');
  await admin.context().close();
});
