graphgen_macros::action! {
    /// An event of mine.
    GET "/me/events/{id" => event {
        path { id }
        returns 200 String;
    }
}

fn main() {}
