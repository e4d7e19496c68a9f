#!/usr/bin/env node
// Writes docs/status-json.schema.json and docs/alerts-json.schema.json (JSON Schema) from the zod schemas
// of `mmops status --json` and `mmops alerts --json` (src/console/json-schema.ts, built to dist/);
// `--check` exits 1 when a file is stale. test/console/json-schema.test.ts holds the files to the code.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { alertsDocSchema, statusDocSchema } = await import(join(root, 'dist', 'console', 'json-schema.js'));

/** The file text of one schema. */
export function schemaText(schema, title) {
  return `${JSON.stringify({ title, ...z.toJSONSchema(schema) }, null, 2)}\n`;
}

const files = {
  'docs/status-json.schema.json': schemaText(statusDocSchema, 'mmops status --json'),
  'docs/alerts-json.schema.json': schemaText(alertsDocSchema, 'mmops alerts --json'),
};
const check = process.argv.includes('--check');
let stale = 0;
for (const [file, text] of Object.entries(files)) {
  const path = join(root, file);
  if (check) {
    let now = '';
    try {
      now = readFileSync(path, 'utf8');
    } catch (err) {
      if (err.code !== 'ENOENT') throw err;
    }
    if (now !== text) {
      stale++;
      process.stderr.write(`${file} is stale: run node scripts/json-schemas.mjs\n`);
    }
  } else {
    writeFileSync(path, text);
    process.stderr.write(`wrote ${file}\n`);
  }
}
process.exit(stale > 0 ? 1 : 0);
