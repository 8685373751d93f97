//! Names near a mistyped one, for "the nearest names" in messages.

/// Levenshtein distance over characters.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The `n` names nearest `query` (letter case aside), nearest first, file order among equals.
pub(crate) fn nearest<'a>(
    names: impl Iterator<Item = &'a str>,
    query: &str,
    n: usize,
) -> Vec<&'a str> {
    let q = query.to_lowercase();
    let mut scored: Vec<(usize, usize, &str)> = names
        .enumerate()
        .map(|(i, name)| (distance(&name.to_lowercase(), &q), i, name))
        .collect();
    scored.sort_unstable();
    scored
        .into_iter()
        .take(n)
        .map(|(_, _, name)| name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("2021 q2", "2021 q2"), 0);
    }

    #[test]
    fn nearest_names_first() {
        let names = ["Docs freeze", "Code freeze", "Release", "code freeze 2"];
        assert_eq!(
            nearest(names.into_iter(), "code freez", 3),
            ["Code freeze", "code freeze 2", "Docs freeze"]
        );
    }
}
