//! `projects/{project}/locations/{location}/clusters/{cluster}`, segment by segment. The name
//! comes as one string (problems at its field) or as `{ project, location, cluster }` (each
//! problem at the part it is about, so a form can show it beside that input).

use serde_json::Value;

use crate::api::fields::Fields;
use crate::error::{ErrorKind, Problem};

/// Checks a cluster name; returns its problems (all with field `field`).
pub fn check_parent(parent: &str, field: &str) -> Vec<Problem> {
    let segments: Vec<&str> = parent.split('/').collect();
    let [projects, project, locations, location, clusters, cluster] = segments.as_slice() else {
        return vec![invalid_parent(parent, field)];
    };
    if (*projects, *locations, *clusters) != ("projects", "locations", "clusters") {
        return vec![invalid_parent(parent, field)];
    }
    check_ids([(project, field), (location, field), (cluster, field)])
}

/// The cluster name from `{ project, location, cluster }` at `field`, and the problems of each
/// part at `field.project`, `field.location`, `field.cluster`.
pub fn parent_from_parts(value: &Value, field: &str) -> (String, Vec<Problem>) {
    let mut fields = Fields::new(value, field);
    let project = fields.required_string("project").unwrap_or_default();
    let location = fields.required_string("location").unwrap_or_default();
    let cluster = fields.required_string("cluster").unwrap_or_default();
    let paths = [
        fields.path("project"),
        fields.path("location"),
        fields.path("cluster"),
    ];
    let mut problems = fields.finish(true);
    if problems.is_empty() {
        problems = check_ids([
            (project, &paths[0]),
            (location, &paths[1]),
            (cluster, &paths[2]),
        ]);
    }
    let parent = format!("projects/{project}/locations/{location}/clusters/{cluster}");
    (parent, problems)
}

fn invalid_parent(parent: &str, field: &str) -> Problem {
    Problem::error(
        ErrorKind::InvalidParent {
            value: shorten(parent),
        },
        field,
    )
}

/// The project, location and cluster IDs, each with the field its problems go to.
fn check_ids(
    [
        (project, project_field),
        (location, location_field),
        (cluster, cluster_field),
    ]: [(&str, &str); 3],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if !valid_project(project) {
        problems.push(Problem::error(
            ErrorKind::InvalidProjectId {
                value: shorten(project),
            },
            project_field,
        ));
    }
    if !id_characters(location) {
        problems.push(Problem::error(
            ErrorKind::InvalidLocation {
                value: shorten(location),
            },
            location_field,
        ));
    } else if !region_like(location) {
        problems.push(Problem::warning(
            ErrorKind::LocationNotRegion {
                value: shorten(location),
            },
            location_field,
        ));
    }
    if !id_characters(cluster) {
        problems.push(Problem::error(
            ErrorKind::InvalidClusterId {
                value: shorten(cluster),
            },
            cluster_field,
        ));
    } else if !rfc1035_label(cluster) {
        problems.push(Problem::warning(
            ErrorKind::ClusterIdNotRecommended {
                value: shorten(cluster),
            },
            cluster_field,
        ));
    }
    problems
}

/// Lowercase letters, digits and `-`, at least one.
fn id_characters(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
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

    fn fields_of(value: serde_json::Value) -> (String, Vec<(&'static str, String)>) {
        let (parent, problems) = parent_from_parts(&value, "parent");
        let found = problems
            .iter()
            .map(|p| (p.code(), p.field_text().unwrap_or_default()))
            .collect();
        (parent, found)
    }

    #[test]
    fn parts_report_at_the_part_they_are_about() {
        use serde_json::json;
        let (parent, found) =
            fields_of(json!({"project": "my-project", "location": "us-central1", "cluster": "c1"}));
        assert_eq!(
            parent,
            "projects/my-project/locations/us-central1/clusters/c1"
        );
        assert!(found.is_empty());
        let (_, found) =
            fields_of(json!({"project": "My_Project", "location": "global", "cluster": "a/b"}));
        assert_eq!(
            found,
            [
                ("INVALID_PROJECT_ID", "parent.project".to_owned()),
                ("LOCATION_NOT_REGION", "parent.location".to_owned()),
                ("INVALID_CLUSTER_ID", "parent.cluster".to_owned()),
            ]
        );
        // A slash in a part cannot smuggle in another name: each part is one ID.
        let (_, found) = fields_of(
            json!({"project": "a-project/locations/x", "location": "us-east1", "cluster": "c"}),
        );
        assert_eq!(found, [("INVALID_PROJECT_ID", "parent.project".to_owned())]);
        let (_, found) = fields_of(json!({"project": "my-project", "cluster": "c", "zone": 1}));
        assert_eq!(
            found,
            [
                ("MISSING_FIELD", "parent.location".to_owned()),
                ("UNKNOWN_FIELD", "parent.zone".to_owned()),
            ]
        );
    }
}
