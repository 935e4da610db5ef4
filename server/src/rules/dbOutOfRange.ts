import { firstPair } from '../model/configDocument.js';
import { defineRule } from './rule.js';
import { parseInteger } from './invalidNumber.js';
import { isCheckable } from './text.js';

export default defineRule({
  id: 'db-out-of-range',
  defaultSeverity: 'warning',
  summary: 'A db number the Redis server does not have (16 databases unless configured otherwise).',
  checkRedis(redis, context) {
    const db = firstPair(redis, 'db');
    if (!db || !isCheckable(db) || firstPair(redis, 'clusterHosts')) return;
    const number = parseInteger(db.value);
    const count = context.settings.redisDatabaseCount;
    if (number === undefined || number < count) return;

    const port = firstPair(redis, 'port');
    const swapped = port && port.value === db.value ? ' It equals the port: were db and port swapped?' : '';
    context.report(db.valueSpan, `db=${number} is beyond the ${count} databases (0–${count - 1}) a Redis server has by default.${swapped} If your servers set a higher 'databases', raise creatioConfig.redisDatabaseCount.`, {
      fixes: [{ title: 'Set db=0', edits: [{ ...db.valueSpan, newText: '0' }] }],
    });
  },
});
