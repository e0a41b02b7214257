//! The Graph deployments (national clouds) a client can talk to.

use std::net::IpAddr;

use url::Url;

/// A Microsoft Graph deployment: where requests go and where the token may be sent.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub enum Cloud {
    /// The global service, `https://graph.microsoft.com`.
    #[default]
    Global,
    /// Microsoft Graph for US Government L4 (GCC High), `https://graph.microsoft.us`.
    UsGovL4,
    /// Microsoft Graph for US Government L5 (DoD), `https://dod-graph.microsoft.us`.
    UsGovL5Dod,
    /// Microsoft Graph China operated by 21Vianet, `https://microsoftgraph.chinacloudapi.cn`.
    China,
    /// Any other base URL: a proxy, or a local server in tests. It must be `https`, or
    /// `http` to a loopback host (`localhost`, `127.0.0.0/8`, `::1`); a path in it
    /// (`https://proxy.example/graph`) is kept as a prefix.
    Custom(Url),
}

impl Cloud {
    /// The base URL requests are made against (the API version follows it).
    pub fn base_url(&self) -> Url {
        let fixed = match self {
            Cloud::Global => "https://graph.microsoft.com",
            Cloud::UsGovL4 => "https://graph.microsoft.us",
            Cloud::UsGovL5Dod => "https://dod-graph.microsoft.us",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn",
            Cloud::Custom(url) => return url.clone(),
        };
        // A fixed, well-formed literal: parsing cannot fail.
        Url::parse(fixed).unwrap_or_else(|_| unreachable!("valid cloud URL {fixed}"))
    }

    /// Why this cloud's base URL cannot be used, if it cannot: bearer tokens travel only
    /// over TLS, except to loopback test servers.
    pub(crate) fn check(&self) -> Result<(), String> {
        let url = self.base_url();
        if url.cannot_be_a_base() || url.host().is_none() {
            return Err(format!("base URL {url} has no host"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!("base URL {url} must not have a query or fragment"));
        }
        match url.scheme() {
            "https" => Ok(()),
            "http" if is_loopback(&url) => Ok(()),
            "http" => Err(format!(
                "base URL {url} is plain http to a non-loopback host; tokens are only sent over https"
            )),
            other => Err(format!("base URL {url} has unsupported scheme {other}")),
        }
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_clouds() {
        assert_eq!(Cloud::Global.base_url().as_str(), "https://graph.microsoft.com/");
        assert_eq!(Cloud::UsGovL4.base_url().as_str(), "https://graph.microsoft.us/");
        assert_eq!(Cloud::UsGovL5Dod.base_url().as_str(), "https://dod-graph.microsoft.us/");
        assert_eq!(Cloud::China.base_url().as_str(), "https://microsoftgraph.chinacloudapi.cn/");
        for cloud in [Cloud::Global, Cloud::UsGovL4, Cloud::UsGovL5Dod, Cloud::China] {
            assert_eq!(cloud.check(), Ok(()));
        }
    }

    #[test]
    fn custom_urls_must_protect_the_token() {
        let custom = |s: &str| Cloud::Custom(Url::parse(s).unwrap());
        assert!(custom("http://127.0.0.1:8080").check().is_ok());
        assert!(custom("http://localhost:8080/graph").check().is_ok());
        assert!(custom("http://[::1]:8080").check().is_ok());
        assert!(custom("https://proxy.example/graph").check().is_ok());
        assert!(custom("http://proxy.example").check().is_err());
        assert!(custom("ftp://127.0.0.1").check().is_err());
        assert!(custom("https://proxy.example/?a=b").check().is_err());
    }
}
