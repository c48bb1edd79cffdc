import Database from 'better-sqlite3';

/**
 * Child process for the lock tests: takes the write lock of the SQLite file in argv[2]
 * (BEGIN IMMEDIATE), prints "locked", and releases it after argv[3] ms (or when stdin says
 * "release"), then prints "released" and exits.
 */
const [file, holdMs] = process.argv.slice(2);
if (!file) throw new Error('usage: audit-lock-holder FILE [HOLD_MS]');
const db = new Database(file);
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\n');
let released = false;
const release = () => {
  if (released) return;
  released = true;
  db.exec('ROLLBACK');
  db.close();
  process.stdout.write('released\n');
  process.exit(0);
};
if (holdMs) setTimeout(release, Number(holdMs));
process.stdin.on('data', (chunk: Buffer) => {
  if (chunk.toString().includes('release')) release();
});
