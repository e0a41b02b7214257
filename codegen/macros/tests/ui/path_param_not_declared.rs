graphgen_macros::action! {
    /// An event of a user.
    GET "/users/{userId}/events/{id}" => event {
        path {
            /// The user.
            userId
        }
        returns 200 String;
    }
}

fn main() {}
