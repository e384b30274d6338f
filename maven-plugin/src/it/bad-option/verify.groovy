// A misspelled option stops the build before any database starts, with the parameter and the allowed values.
def log = new File(basedir, 'build.log').text
assert log.contains("Flyback: invalid failOn (flyback.failOn): ")
assert log.contains('error, warning, info')
assert !log.contains('Started')
assert !log.contains('\tat ')
return true
