// The build passed on the migrations the flyway-maven-plugin configuration names, with its placeholder.
def log = new File(basedir, 'build.log').text
assert log.contains('PASSED: 1 revision(s), 0 error(s)')
assert !log.contains('production.example.com')
def junit = new File(basedir, 'target/flyback/flyback-report.xml').text
assert junit.contains('V1__create_accounts')
return true
