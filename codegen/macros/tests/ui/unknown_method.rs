graphgen_macros::action! {
    /// Fetch me.
    FETCH "/me" => me {
        returns 200 String;
    }
}

fn main() {}
