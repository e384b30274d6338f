// The build failed on the undo that leaves the index behind, named in the right revision, in a short log.
def log = new File(basedir, 'build.log').text
assert log.contains('error LEFTOVER_INDEX V2__index_email: index "public"."users"."ix_users_email" is still there after U2__index_email.sql')
assert log.contains('DROP INDEX IF EXISTS public.ix_users_email;')
assert log.contains('FAILED: 2 revision(s), 2 error(s)')
assert !log.contains('postmaster')
assert !log.contains('Database: jdbc:postgresql')
assert !log.contains('did not follow the filename convention')
assert !log.contains('\tat ')
assert new File(basedir, 'target/flyback/flyback-report.xml').isFile()
assert new File(basedir, 'target/flyback/flyback-report.sarif').isFile()
def html = new File(basedir, 'target/flyback/flyback-report.html').text
assert html.indexOf('<section class="revision" id="V2__index_email">') < html.indexOf('id="V1__create_users"')
// Flyback's part of the build's output, from its execution line to Maven's last word, fits in 30 lines (Maven's own
// lines for resources, compile, test and jar come before it: 27 more for this project, as for any jar project)
def lines = log.readLines().findAll { !it.contains('Download') && !it.startsWith('Running post-build script') }
def flyback = lines.subList(lines.findIndexOf { it.contains('--- flyback-maven-plugin:') }, lines.size())
        .findAll { !it.trim().isEmpty() }
assert flyback.size() <= 30 : "Flyback's part of the failing build printed ${flyback.size()} lines:\n${flyback.join('\n')}"
return true
