// The `query` and `headers` sections' mistakes, each at its own token.
graphgen_macros::action! {
    /// List the participants of a call who joined in a time window.
    GET "/communications/calls/{id}/participants" => participants {
        path { id }
        query {
            startDateTime,
            startDateTime,
            "$top": Int32,
            window: participant,
        }
        headers {
            Authorization,
            "Consistency Level"?,
            Prefer?,
            prefer,
        }
        returns 200 collection(participant);
    }
}

fn main() {}
