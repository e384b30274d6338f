// flyback:model wrote the revision that gives the entity its column, with its undo.
def up = new File(basedir, 'sql/V2__pin_notes.sql').text
assert up.contains('ALTER TABLE public.notes ADD COLUMN pinned boolean DEFAULT false NOT NULL;')
def down = new File(basedir, 'sql/U2__pin_notes.sql').text
assert down.contains('ALTER TABLE public.notes DROP COLUMN IF EXISTS pinned;')
def log = new File(basedir, 'build.log').text
assert log.contains('Wrote ') && log.contains('V2__pin_notes.sql (1 statement(s)) and U2__pin_notes.sql')
assert log.contains('+ column notes.pinned')
assert !log.contains('HHH')
assert log.contains('[INFO] BUILD SUCCESS')
return true
