// snapshot wrote the schema at the latest revision; diff logged what V2 adds.
def schema = new File(basedir, 'target/flyback/schema-head.json').text
assert schema.contains('CREATE INDEX ix_users_email ON public.users')
def log = new File(basedir, 'build.log').text
assert log.contains('Wrote the schema at head to ')
assert log.contains('ix_users_email')
assert log.contains('[INFO] BUILD SUCCESS')
return true
