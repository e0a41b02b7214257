graphgen_macros::action! {
    /// An event of mine.
    GET "/me/events/{id}" => event {
        path {
            /// The event.
            id,
            /// The event, again.
            id,
        }
        returns 200 String;
    }
}

fn main() {}
