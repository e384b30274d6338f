// The same Spring Boot project with its undo fixed: the build passes, and says so in one line.
def log = new File(basedir, 'build.log').text
assert log.contains('PASSED: 2 revision(s), 0 error(s)')
assert log.contains('[INFO] BUILD SUCCESS')
assert new File(basedir, 'target/flyback/flyback-report.md').isFile()
return true
