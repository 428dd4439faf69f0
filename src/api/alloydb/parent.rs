//! `projects/{project}/locations/{location}/clusters/{cluster}`, segment by segment.

use crate::error::{ErrorKind, Problem};

/// Checks a cluster name; returns its problems (all with field `field`).
pub fn check_parent(parent: &str, field: &str) -> Vec<Problem> {
    let segments: Vec<&str> = parent.split('/').collect();
    let [projects, project, locations, location, clusters, cluster] = segments.as_slice() else {
        return vec![Problem::error(
            ErrorKind::InvalidParent {
                value: shorten(parent),
            },
            field,
        )];
    };
    if (*projects, *locations, *clusters) != ("projects", "locations", "clusters") {
        return vec![Problem::error(
            ErrorKind::InvalidParent {
                value: shorten(parent),
            },
            field,
        )];
    }
    let mut problems = Vec::new();
    if !valid_project(project) {
        problems.push(Problem::error(
            ErrorKind::InvalidProjectId {
                value: shorten(project),
            },
            field,
        ));
    }
    if location.is_empty()
        || !location
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        problems.push(Problem::error(
            ErrorKind::InvalidLocation {
                value: shorten(location),
            },
            field,
        ));
    } else if !region_like(location) {
        problems.push(Problem::warning(
            ErrorKind::LocationNotRegion {
                value: shorten(location),
            },
            field,
        ));
    }
    if cluster.is_empty()
        || !cluster
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        problems.push(Problem::error(
            ErrorKind::InvalidClusterId {
                value: shorten(cluster),
            },
            field,
        ));
    } else if !rfc1035_label(cluster) {
        problems.push(Problem::warning(
            ErrorKind::ClusterIdNotRecommended {
                value: shorten(cluster),
            },
            field,
        ));
    }
    problems
}

/// A project ID (6–30 characters), a project number, or a legacy `domain.tld:project`.
fn valid_project(project: &str) -> bool {
    if !project.is_empty() && project.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    match project.split_once(':') {
        Some((domain, id)) => valid_domain(domain) && project_id(id),
        None => project_id(project),
    }
}

fn project_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    (6..=30).contains(&bytes.len())
        && bytes.first().is_some_and(u8::is_ascii_lowercase)
        && bytes
            .last()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

fn valid_domain(domain: &str) -> bool {
    domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// `us-central1`, `europe-west4`, `northamerica-northeast2`: words joined by `-`, then digits.
fn region_like(location: &str) -> bool {
    let digits = location
        .bytes()
        .rev()
        .take_while(u8::is_ascii_digit)
        .count();
    let words = &location[..location.len() - digits];
    digits > 0
        && words.contains('-')
        && words
            .split('-')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
}

/// `[a-z]([a-z0-9-]{0,61}[a-z0-9])?`
fn rfc1035_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    bytes.len() <= 63
        && bytes.first().is_some_and(u8::is_ascii_lowercase)
        && bytes
            .last()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

fn shorten(text: &str) -> String {
    text.chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(parent: &str) -> Vec<&'static str> {
        check_parent(parent, "parent")
            .iter()
            .map(|p| p.code())
            .collect()
    }

    #[test]
    fn parents() {
        assert!(codes("projects/my-project/locations/us-central1/clusters/my-cluster").is_empty());
        assert!(codes("projects/123456789/locations/europe-west4/clusters/c1").is_empty());
        assert!(codes("projects/example.com:my-project/locations/us-east1/clusters/c").is_empty());
        assert_eq!(
            codes("projects/p/locations/us-central1"),
            ["INVALID_PARENT"]
        );
        assert_eq!(
            codes("projects/My_Project/locations/us-central1/clusters/c"),
            ["INVALID_PROJECT_ID"]
        );
        assert_eq!(
            codes("projects/my-project/locations/US/clusters/c"),
            ["INVALID_LOCATION"]
        );
        assert_eq!(
            codes("projects/my-project/locations/global/clusters/c"),
            ["LOCATION_NOT_REGION"]
        );
        assert_eq!(
            codes("projects/my-project/locations/us-central1/clusters/1abc"),
            ["CLUSTER_ID_NOT_RECOMMENDED"]
        );
        assert_eq!(
            codes("projects/my-project/locations/us-central1/clusters/a_b"),
            ["INVALID_CLUSTER_ID"]
        );
    }
}
