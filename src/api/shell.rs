//! Command lines users can paste into a POSIX shell: every argument single-quoted, so no input
//! can break out of its quotes.

use std::borrow::Cow;

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
        push_arg(&mut line, arg);
    }
    line
}

/// The same over several lines, one group of arguments (a flag and its value) per line, joined
/// by backslash-newline so that the shell reads one command.
pub fn command_lines(program: &str, groups: &[Vec<Arg<'_>>]) -> String {
    let mut text = program.to_owned();
    for group in groups {
        text.push_str(" \\\n ");
        for arg in group {
            text.push(' ');
            push_arg(&mut text, arg);
        }
    }
    text
}

fn push_arg(line: &mut String, arg: &Arg<'_>) {
    match arg {
        Arg::Quoted(text) => line.push_str(&quote(text)),
        Arg::Raw(text) => line.push_str(text),
    }
}

pub enum Arg<'a> {
    Quoted(Cow<'a, str>),
    Raw(Cow<'a, str>),
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
