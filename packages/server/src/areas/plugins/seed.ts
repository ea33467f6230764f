/**
 * Demo FDL code blocks (realistic Lua, following the convention in lua.ts): signed ones, signed ones with a draft
 * awaiting signature, and never-signed drafts, for each demo billing entity; their configuration providers get
 * values of every validator type (PASSWORD ones go to configuration_secrets).
 */
import type { SeedStep } from '../../seed/seed.js';
import { demoBillingEntityId, demoBillingEntityName, type DemoBillingEntity } from '../billing-entities/seed.js';
import { configurationProviderEntity, configurationSecrets, fdlCodeBlockEntity } from './entity.js';
import { applyValuesPatch, applyFdlCodeBlockPatch, newFdlCodeBlock, signFdlCodeBlock } from './domain.js';
import { syncProviders } from './routes.js';

const DAY_MS = 86400_000;

const WELCOME_MAIL = `-- Sends a welcome mail to every new customer.
function register()
  return { "welcome_mail", "welcome_mail_settings" }
end

function welcome_mail(p)
  if p == nil then
    return { ref = "welcome_mail", name = "Welcome mail", description = "Mails new customers",
             priority = 100, api = "TRIGGER", triggerType = "POST_CREATE", triggerOptions = { "CUSTOMER" } }
  end
  local settings = getConfiguration("welcome_mail_settings")
  sendEmail(p.input:getEmail(), settings.subject, settings.body)
  return { exitState = "SUCCESS" }
end

function welcome_mail_settings(p)
  if p == nil then
    return {
      api = "CONFIG_PROVIDER", name = "Welcome mail settings", providerType = "MAIL", providerGroup = "Mail",
      resourceConfigs = { "BILLING_ENTITY" },
      values = {
        { key = "subject", name = "Subject", validator = "REGEX", pattern = "^.{1,120}$", required = true, default = "Welcome aboard" },
        { key = "body", name = "Body", validator = "BIG_TEXT", required = true, default = "Hello,\\nyour account is ready." },
        { key = "sendCopyToSupport", name = "Copy support", validator = "BOOLEAN", default = "false" },
      },
    }
  end
end
`;

const CARD_PAYMENTS = `--[[ Card payments through the Harbour Pay gateway.
     Pre-authorises on PRE_PAYMENT and settles on POST_PAYMENT. ]]
function register()
  return { "card_gateway", "pre_payment_check", "post_payment_settle", "card_billing" }
end

function card_gateway(p)
  if p == nil then
    return {
      api = "CONFIG_PROVIDER", name = "Card payments", providerType = "PAYMENT", providerGroup = "Payments",
      resourceConfigs = { "BILLING_ENTITY", "CUSTOMER" },
      values = {
        { key = "endpoint", name = "Endpoint", description = "The gateway URL.", validator = "REGEX", pattern = "^https://[^\\\\s]+$", required = true, default = "https://pay.harbour.example/api" },
        { key = "apiKey", name = "API key", validator = "PASSWORD", required = true },
        { key = "mode", name = "Mode", validator = "ENUM", options = { "test", "live" }, required = true, default = "test" },
        { key = "retries", name = "Retries", validator = "NUMERIC_INT", min = 0, max = 10, default = "3" },
        { key = "surchargePercent", name = "Surcharge %", validator = "NUMERIC_DOUBLE", min = 0, max = 5, default = "1.5" },
        { key = "contractStart", name = "Contract start", validator = "DATE", default = "2026-01-01" },
      },
    }
  end
end

function pre_payment_check(p)
  if p == nil then
    return { api = "TRIGGER", name = "Pre-authorise", triggerType = "PRE_PAYMENT" }
  end
  return { exitState = "CONTINUE" }
end

function post_payment_settle(p)
  if p == nil then
    return { api = "TRIGGER", name = "Settle", triggerType = "POST_PAYMENT" }
  end
  return { exitState = "SUCCESS" }
end

function card_billing(p)
  if p == nil then
    return { api = "BILLING", name = "Card billing method" }
  end
end
`;

const NIGHTLY_REPORT = `-- Scheduled usage digest, plus a report method for the control panel.
function register()
  return { 'nightly_digest', 'usage_report' }
end

function nightly_digest(p)
  if p == nil then
    return { api = 'TRIGGER', triggerType = 'SCHEDULED', name = 'Nightly digest', schedule = '0 2 * * *' }
  end
  return { exitState = 'SUCCESS' }
end

function usage_report(p)
  if p == nil then
    return { api = 'REPORT', name = 'Usage digest' }
  end
end
`;

const SERVER_GUARD = `-- Stops servers from starting outside business hours for trial customers.
function register()
  return { "trial_hours_guard" }
end

function trial_hours_guard(p)
  if p == nil then
    return { api = "TRIGGER", triggerType = "PRE_SERVER_STATE_CHANGE", name = "Trial hours guard" }
  end
  local hour = tonumber(os.date("!%H"))
  if hour < 8 or hour > 18 then
    return { exitState = "FAILED", errorCode = "TRIAL_HOURS" }
  end
  return { exitState = "CONTINUE" }
end
`;

interface DemoBlock {
  owner: DemoBillingEntity['key'];
  name: string;
  description: string;
  code: string;
  /** signed: as is; draft: signed, then edited; unsigned: never signed. */
  state: 'signed' | 'draft' | 'unsigned';
}

const DEMO_BLOCKS: DemoBlock[] = [
  { owner: 'licensee', name: 'Card payments', description: 'Harbour Pay card gateway.', code: CARD_PAYMENTS, state: 'signed' },
  { owner: 'licensee', name: 'Nightly digest', description: 'Usage digest mailed at 02:00.', code: NIGHTLY_REPORT, state: 'draft' },
  { owner: 'alpha', name: 'Welcome mail', description: 'Sends a welcome mail when a customer is created.', code: WELCOME_MAIL, state: 'draft' },
  { owner: 'alpha', name: 'Trial hours guard', description: null as unknown as string, code: SERVER_GUARD, state: 'unsigned' },
  { owner: 'alpha-kids', name: 'Kids welcome mail', description: 'Welcome mail for Alpha Kids customers.', code: WELCOME_MAIL, state: 'signed' },
  { owner: 'beta', name: 'Card payments', description: 'Card gateway for Beta Hosting.', code: CARD_PAYMENTS, state: 'signed' },
  { owner: 'beta', name: 'Welcome mail (new)', description: 'Not reviewed yet.', code: WELCOME_MAIL, state: 'unsigned' },
  { owner: 'gamma', name: 'Nightly digest', description: 'Usage digest.', code: NIGHTLY_REPORT, state: 'signed' },
];

/** Values set on the demo card gateways (every validator type), and the secret. */
const CARD_VALUES = { endpoint: 'https://pay.harbour.example/v2', apiKey: 'demo-Secret-42', mode: 'live', retries: '5', surchargePercent: '2.25', contractStart: '2026-03-01' };

export const pluginsSeed: SeedStep = {
  name: 'plugins',
  async run(context) {
    const random = context.random('plugins');
    await context.store.platform().transaction(async (tx) => {
      const blocks = tx.repository(fdlCodeBlockEntity);
      for (const [i, demo] of DEMO_BLOCKS.entries()) {
        const created = new Date(context.now.getTime() - (200 - i * 15) * DAY_MS);
        let block = newFdlCodeBlock(random.uuid(), { name: demo.name, description: demo.description ?? undefined, unsignedCode: demo.code }, { id: demoBillingEntityId(demo.owner), name: demoBillingEntityName(demo.owner) }, created);
        if (demo.description === null) block.description = null;
        if (demo.state !== 'unsigned') block = await signFdlCodeBlock(block, 'admin@licensee.demo', new Date(created.getTime() + 2 * DAY_MS));
        if (demo.state === 'draft') {
          const edited = demo.code.replace('end\n', 'end\n\n-- TODO: localise the messages\n');
          block = applyFdlCodeBlockPatch(block, { unsignedCode: edited }, new Date(created.getTime() + 30 * DAY_MS));
        }
        await blocks.insert(block);
        await syncProviders(tx, block, new Date(block.signedAt ?? block.createdAt), () => random.uuid());
      }
      // Settle the card gateways' values through the same rules the API applies.
      const providers = tx.repository(configurationProviderEntity);
      const gateways = await providers.findAll({ functionName: 'card_gateway' });
      for (const { id } of gateways) {
        let secrets = new Map<string, string>();
        await providers.update(id, (current) => {
          const change = applyValuesPatch(current, { values: CARD_VALUES }, new Date(context.now.getTime() - 20 * DAY_MS));
          secrets = change.setSecrets;
          return change.next;
        });
        for (const [key, value] of secrets) await tx.records(configurationSecrets).insert({ provider_id: id, value_key: key, value });
      }
    });
    context.progress('plugins', DEMO_BLOCKS.length, DEMO_BLOCKS.length);
  },
};
