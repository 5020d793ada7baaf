// A bus consumer written only from the README's section "On the wire": bind a queue to each type's fanout exchange
// `Gateway.Contracts:<Type>`, read MassTransit's envelope (`messageType` URNs, `message`), validate `message` against
// docs/bus/schemas/<Type>.json (JSON Schema 2020-12). Prints "READY" once bound, then one JSON line per message, and
// exits when every type asked for has arrived (or after the timeout, exit 2).
// Usage: node consume.mjs <amqp-url> <schema-dir> <timeout-seconds> <Type>...
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// The pinned tools of infra/node-tools (infra/node-tools.sh installs them).
const require = createRequire(join(here, '..', '..', '..', '..', 'infra', 'node-tools', 'package.json'));
const amqp = require('amqplib');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats');

const [url, schemaDir, timeoutSeconds, ...types] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validators = Object.fromEntries(types.map(t => [t, ajv.compile(JSON.parse(readFileSync(join(schemaDir, `${t}.json`), 'utf8')))]));

const connection = await amqp.connect(url);
const channel = await connection.createChannel();
const { queue } = await channel.assertQueue('', { exclusive: true, durable: false });
for (const type of types) {
  // MassTransit declares these exchanges durable fanout; asserting the same is a no-op, and lets us bind first.
  await channel.assertExchange(`Gateway.Contracts:${type}`, 'fanout', { durable: true });
  await channel.bindQueue(queue, `Gateway.Contracts:${type}`, '');
}
console.log('READY');

const seen = new Set();
const timer = setTimeout(async () => { console.log(JSON.stringify({ timeout: true, missing: types.filter(t => !seen.has(t)) })); await connection.close(); process.exit(2); }, Number(timeoutSeconds) * 1000);
await channel.consume(queue, async (delivery) => {
  const envelope = JSON.parse(delivery.content.toString('utf8'));
  const urn = envelope.messageType.find(u => u.startsWith('urn:message:Gateway.Contracts:'));
  const type = urn.substring('urn:message:Gateway.Contracts:'.length);
  const validate = validators[type];
  const valid = validate(envelope.message);
  console.log(JSON.stringify({ type, valid, errors: valid ? null : validate.errors, contentType: delivery.properties.contentType, persistent: delivery.properties.deliveryMode === 2, messageId: envelope.messageId }));
  channel.ack(delivery);
  seen.add(type);
  if (types.every(t => seen.has(t))) { clearTimeout(timer); await connection.close(); process.exit(0); }
});
