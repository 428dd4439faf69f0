//! Command lines users can paste into a POSIX shell: every argument single-quoted, so no input
//! can break out of its quotes.

/// One argument, quoted for `sh`/`bash`: `'…'` with each `'` written as `'\''`.
pub fn quote(arg: &str) -> String {
    if !arg.is_empty()
        && arg
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:=@%+,".contains(&b))
    {
        return arg.to_owned();
    }
    format!("'{}'", arg.replace('\'', "'\\''"))
}

/// A command line from a program and its arguments; arguments in `raw` are written as given
/// (for shell expansions such as `"Bearer $(gcloud auth print-access-token)"`).
pub fn command(program: &str, args: &[Arg<'_>]) -> String {
    let mut line = program.to_owned();
    for arg in args {
        line.push(' ');
        match arg {
            Arg::Quoted(text) => line.push_str(&quote(text)),
            Arg::Raw(text) => line.push_str(text),
        }
    }
    line
}

pub enum Arg<'a> {
    Quoted(&'a str),
    Raw(&'a str),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_survive_anything() {
        assert_eq!(quote("plain-arg"), "plain-arg");
        assert_eq!(quote("it's"), "'it'\\''s'");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("$(rm -rf /)"), "'$(rm -rf /)'");
    }
}
