//! Just enough of a compose file to know which services it defines.

/// The service names under the top-level `services:` key, in file order.
///
/// Reads the indentation structure only (no YAML library needed for this): the
/// first key under `services:` sets the indentation every service name has.
pub fn service_names(yaml: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_services = false;
    let mut indent: Option<usize> = None;
    for line in yaml.lines() {
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let depth = line.len() - content.len();
        if depth == 0 {
            in_services = content.trim_end() == "services:";
            continue;
        }
        if !in_services {
            continue;
        }
        let level = *indent.get_or_insert(depth);
        if depth != level {
            continue;
        }
        if let Some(name) = content.split(':').next() {
            let name = name.trim().trim_matches(['"', '\'']);
            if !name.is_empty() && content.contains(':') {
                names.push(name.to_string());
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_services_at_their_indentation_only() {
        let yaml = "x-shared: &shared\n  restart: always\nservices:\n  # the API\n  api:\n    image: a\n    environment:\n      certbot: no\n  'nginx':\n    image: n\n  certbot:\n    profiles:\n      - certbot\nvolumes:\n  oradata:\n";
        assert_eq!(service_names(yaml), ["api", "nginx", "certbot"]);
    }

    #[test]
    fn no_services_key_means_no_services() {
        assert!(service_names("version: '3'\n").is_empty());
    }
}
